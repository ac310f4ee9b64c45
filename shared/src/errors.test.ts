import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChaosConfigSchema } from './controls.ts';
import { CreateVerificationRequestSchema } from './create-verification-request.ts';
import { ERROR_STATUS, ProblemSchema, RelayError } from './errors.ts';

function fieldsOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return (RelayError.fromZod(result.error).errors ?? []).map((e) => e.field);
}

describe('RelayError', () => {
  it.each([
    [
      'a top-level field',
      CreateVerificationRequestSchema,
      { to: 'x', channel: 'fax', purpose: 'login', origin: 'https://a.example' },
      ['channel'],
    ],
    [
      'unknown keys, by name',
      CreateVerificationRequestSchema,
      { to: '+14155550123', channel: 'sms', purpose: 'login', origin: 'https://a.example', a: 1, b: 2 },
      ['a, b'],
    ],
    [
      'a nested path with dots',
      ChaosConfigSchema,
      { rules: [{ action: 'drop' }, { action: 'delay' }] },
      ['rules.1.delayMs'],
    ],
    [
      'an unknown nested key',
      ChaosConfigSchema,
      { rules: [{ action: 'drop', match: { too: 'x' } }] },
      ['rules.0.match.too'],
    ],
    ['the whole body', CreateVerificationRequestSchema, 'nope', ['(body)']],
  ])('fromZod names %s', (_name, schema, value, fields) => {
    expect(fieldsOf(schema as z.ZodType, value)).toEqual(fields);
  });

  it('fromZod says where and which fields in its detail', () => {
    const result = z.strictObject({ code: z.string() }).safeParse({ code: 1 });
    if (result.success) throw new Error('expected a failure');
    const error = RelayError.fromZod(result.error, 'query');
    expect(error).toMatchObject({ code: 'validation_failed', status: 400, message: 'Invalid query: code' });
  });

  it('renders RFC 9457 problems that parse back to the same error', () => {
    const error = new RelayError('resend_cooldown', 'Wait 12 s.', { retryAfterSeconds: 12 });
    const problem = error.toProblem('/api/v1/verifications/x/resend');
    expect(ProblemSchema.parse(problem)).toEqual({
      type: '/problems/resend-cooldown',
      title: 'Resend cooldown',
      status: 429,
      detail: 'Wait 12 s.',
      instance: '/api/v1/verifications/x/resend',
      code: 'resend_cooldown',
      retryAfterSeconds: 12,
    });
    const back = RelayError.fromProblem(problem);
    expect(back).toMatchObject({ code: 'resend_cooldown', status: 429, retryAfterSeconds: 12, message: 'Wait 12 s.' });
  });

  it('maps every code to a 4xx/5xx status', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(new RelayError(code as keyof typeof ERROR_STATUS, 'x').status).toBe(status);
    }
  });
});
