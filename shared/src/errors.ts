import { z } from 'zod';

/**
 * Every error the relay can answer with, by stable code. The HTTP status is part of the contract:
 * clients branch on `code`, humans read `title`/`detail`. Rendered as RFC 9457 problem+json.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden_host: 403,
  forbidden_origin: 403,
  not_found: 404,
  verification_not_found: 404,
  message_not_found: 404,
  totp_device_not_found: 404,
  test_controls_disabled: 404,
  method_not_allowed: 405,
  test_clock_disabled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  resend_cooldown: 429,
  send_limit_reached: 429,
  destination_locked: 429,
  /** A global pace (the token-free demo's): nothing about the caller, only how busy the relay is. */
  rate_limited: 429,
  /** The relay holds as many live verifications (or destinations) as it is configured to: none is started. */
  capacity_reached: 429,
  delivery_failed: 502,
  /**
   * Never sent by a relay: what a client throws when an answer did not prove it came from a relay that knows
   * the token (a wrong token, or another program on the relay's port). Nothing in such an answer is used.
   */
  relay_unproven: 502,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const FieldErrorSchema = z.object({
  /** Dotted path of the offending field, e.g. `to` or `rules.0.delayMs`; `(body)` for the whole body. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, with our stable `code` and, for validation errors, the fields at fault. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: ErrorCodeSchema,
  errors: z.array(FieldErrorSchema).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one typed error of the project: thrown by the relay's core, rendered as problem+json, re-thrown by clients. */
export class RelayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail: string, extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {}) {
    super(detail);
    this.name = 'RelayError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = extra.errors;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toProblem(instance?: string): Problem {
    return {
      type: `/problems/${this.code.replaceAll('_', '-')}`,
      title: titleOf(this.code),
      status: this.status,
      detail: this.message,
      ...(instance === undefined ? {} : { instance }),
      code: this.code,
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
    };
  }

  static fromProblem(problem: Problem): RelayError {
    return new RelayError(problem.code, problem.detail ?? problem.title, {
      ...(problem.errors === undefined ? {} : { errors: problem.errors }),
      ...(problem.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: problem.retryAfterSeconds }),
    });
  }

  /** Turns a zod failure into a 400 that names every field at fault. */
  static fromZod(error: z.ZodError, where = 'body'): RelayError {
    const errors = error.issues.map((issue) => ({
      field: fieldOf(issue),
      message: issue.message,
    }));
    const fields = [...new Set(errors.map((e) => e.field))].join(', ');
    return new RelayError('validation_failed', `Invalid ${where}: ${fields}`, { errors });
  }
}

function fieldOf(issue: z.core.$ZodIssue): string {
  // Unknown keys are reported on the object that holds them: name the keys themselves.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => [...issue.path, k].join('.')).join(', ');
  }
  return issue.path.length === 0 ? '(body)' : issue.path.join('.');
}

function titleOf(code: ErrorCode): string {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
