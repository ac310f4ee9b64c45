import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  CheckRequestSchema,
  CreateVerificationRequestSchema,
  LIMITS,
  PROBLEM_CONTENT_TYPE,
  RelayError,
  VerificationIdSchema,
} from '@otp-relay/shared';
import { bearerToken, isAllowedHost, tokenMatches } from '../../relay/src/http/security.ts';
import type { VerificationService } from '../../relay/src/service.ts';

const CHECK_PATH = /^\/api\/v1\/verifications\/([^/]+)\/check$/;
const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The baseline of figure 1: the two issuer routes on plain node:http over the SAME verification service, doing the
 * same non-framework work as the relay (Host allow-list, constant-time token check, JSON-only ≤ 16 KiB body,
 * zod parsing with the shared schemas, problem+json errors). What is left out is Express itself: its router,
 * middleware chain, body parser and response helpers. The ratio relay ÷ this is the framework overhead.
 */
export function createBareServer(service: VerificationService, token: string, hosts: ReadonlySet<string>): Server {
  return createServer((req, res) => {
    handle(service, token, hosts, req, res).catch((error: unknown) => {
      const known = error instanceof RelayError ? error : new RelayError('internal_error', 'bare server failure');
      send(res, known.status, known.toProblem(), PROBLEM_CONTENT_TYPE);
    });
  });
}

async function handle(
  service: VerificationService,
  token: string,
  hosts: ReadonlySet<string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isAllowedHost(hosts, req.headers.host)) throw new RelayError('forbidden_host', 'Host not allowed.');
  if (!tokenMatches(bearerToken(req.headers.authorization), token)) {
    throw new RelayError('unauthorized', 'Send the relay token as "Authorization: Bearer <token>".');
  }
  const path = req.url ?? '/';
  if (req.method === 'POST' && path === '/api/v1/verifications') {
    const body = parse(CreateVerificationRequestSchema, await readJson(req));
    send(res, 201, service.create(body));
    return;
  }
  const check = req.method === 'POST' ? CHECK_PATH.exec(path) : null;
  if (check) {
    const id = check[1] ?? '';
    if (!VerificationIdSchema.safeParse(id).success) throw new RelayError('verification_not_found', 'No such id.');
    const body = parse(CheckRequestSchema, await readJson(req));
    send(res, 200, service.check(id, body.code));
    return;
  }
  throw new RelayError('not_found', `No route ${req.method} ${path}.`);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new RelayError('unsupported_media_type', 'Send a JSON body (Content-Type: application/json).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.maxBodyBytes) throw new RelayError('payload_too_large', 'The body is larger than 16 KiB.');
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RelayError('malformed_json', 'The body is not valid JSON.');
  }
  // exposeCodes (bench/lib/server-process.ts) reads the destination here, as it reads Express's req.body.
  (req as IncomingMessage & { body?: unknown }).body = value;
  return value;
}

type ZodFailure = Parameters<typeof RelayError.fromZod>[0];
interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodFailure };
}

function parse<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw RelayError.fromZod(result.error, 'body');
  return result.data;
}

function send(res: ServerResponse, status: number, value: unknown, type = 'application/json; charset=utf-8'): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
