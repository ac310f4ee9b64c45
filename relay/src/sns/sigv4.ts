import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What an `Authorization: AWS4-HMAC-SHA256 …` header names. */
export interface SigV4Header {
  accessKeyId: string;
  /** YYYYMMDD */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export type SigV4Refusal =
  | { code: 'MissingAuthenticationToken'; message: string }
  | { code: 'IncompleteSignature'; message: string }
  | { code: 'RequestExpired'; message: string }
  | { code: 'SignatureDoesNotMatch'; message: string };

const HEADER =
  /^AWS4-HMAC-SHA256\s+Credential=([A-Za-z0-9]{3,128})\/(\d{8})\/([a-z0-9-]{1,32})\/([a-z0-9-]{1,32})\/aws4_request,\s*SignedHeaders=([a-z0-9;-]{1,2048}),\s*Signature=([0-9a-f]{64})\s*$/;

/** AWS allows a signature this far from its clock, either way. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** The parts of a well-formed SigV4 Authorization header, or why it is not one. */
export function parseSigV4(authorization: string | undefined): SigV4Header | SigV4Refusal {
  if (authorization === undefined || authorization === '') {
    return { code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' };
  }
  const match = HEADER.exec(authorization);
  if (match === null) {
    return {
      code: 'IncompleteSignature',
      message: 'Authorization header requires Credential, SignedHeaders and Signature (AWS4-HMAC-SHA256).',
    };
  }
  const [, accessKeyId = '', date = '', region = '', service = '', signed = '', signature = ''] = match;
  const signedHeaders = signed.split(';');
  if (!signedHeaders.includes('host')) {
    return { code: 'IncompleteSignature', message: "'Host' must be a signed header." };
  }
  return { accessKeyId, date, region, service, signedHeaders, signature };
}

export function isRefusal(value: SigV4Header | SigV4Refusal): value is SigV4Refusal {
  return 'code' in value;
}

export interface SignedRequest {
  method: string;
  /** The path as sent, before any decoding (`/aws/sns/`). */
  path: string;
  /** The raw query string without `?` ('' for none). */
  query: string;
  /** Lower-case names as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** RFC 3986 unreserved characters stay, everything else is %XX upper-case (AWS's UriEncode). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, step 1. */
export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  // Non-S3 services sign each path segment encoded (again, over its encoded form).
  const path = request.path
    .split('/')
    .map((segment) => uriEncode(decodeSafely(segment)))
    .map(uriEncode)
    .join('/');
  const query = request.query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [key = '', value = ''] = pair.split('=', 2);
      return [uriEncode(decodeSafely(key)), uriEncode(decodeSafely(value))] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headers = signedHeaders
    .map((name) => {
      const raw = request.headers[name];
      const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  return [request.method, path, query, headers, signedHeaders.join(';'), sha256(request.body)].join('\n');
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    return value;
  }
}

/** The signature a request signed with `secret` would carry. */
export function expectedSignature(
  request: SignedRequest,
  header: SigV4Header,
  amzDate: string,
  secret: string,
): string {
  const scope = `${header.date}/${header.region}/${header.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256(canonicalRequest(request, header.signedHeaders)),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, header.date), header.region), header.service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/** `X-Amz-Date` (YYYYMMDD'T'HHMMSS'Z') as ms, or NaN. */
export function parseAmzDate(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/**
 * Checks a request's SigV4 signature: a well-formed header and date (within 15 minutes of `now`, wall time:
 * clients sign with theirs) always; the signature itself when `secret` is known. Null when it passes.
 */
export function verifySigV4(
  request: SignedRequest,
  header: SigV4Header,
  secret: string | undefined,
  now: number,
): SigV4Refusal | null {
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const at = parseAmzDate(amzDate);
  if (Number.isNaN(at) || !header.signedHeaders.includes('x-amz-date') || amzDate.slice(0, 8) !== header.date) {
    return {
      code: 'IncompleteSignature',
      message: 'A signed X-Amz-Date header matching the credential scope is required.',
    };
  }
  if (Math.abs(now - at) > MAX_SKEW_MS) {
    return { code: 'RequestExpired', message: `Request has expired: signed at ${amzDate}, more than 15 minutes away.` };
  }
  if (secret === undefined) return null;
  const expected = Buffer.from(expectedSignature(request, header, amzDate, secret), 'hex');
  const presented = Buffer.from(header.signature, 'hex');
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
    return {
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return null;
}
