import { describe, expect, it } from 'vitest';
import { expectedSignature, isRefusal, parseSigV4, type SignedRequest, verifySigV4 } from './sigv4.ts';

// AWS's worked example (IAM ListUsers, https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
// in its 2015 form): the secret, the request and the signature AWS publishes for them.
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const EXAMPLE: SignedRequest = {
  method: 'GET',
  path: '/',
  query: 'Action=ListUsers&Version=2010-05-08',
  headers: {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host: 'iam.amazonaws.com',
    'x-amz-date': '20150830T123600Z',
  },
  body: Buffer.alloc(0),
};
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';
const AT = Date.UTC(2015, 7, 30, 12, 36, 0);

describe('SigV4', () => {
  it("computes AWS's published signature for its example request", () => {
    const header = parseSigV4(AUTH);
    if (isRefusal(header)) throw new Error(header.message);
    expect(expectedSignature(EXAMPLE, header, '20150830T123600Z', SECRET)).toBe(
      '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(verifySigV4(EXAMPLE, header, SECRET, AT)).toBeNull();
  });

  it.each([
    ['a wrong secret', SECRET.replace('K7', 'K8'), AT, 'SignatureDoesNotMatch'],
    ['a date more than 15 minutes off', SECRET, AT + 16 * 60 * 1000, 'RequestExpired'],
  ])('refuses %s', (_, secret, now, code) => {
    const header = parseSigV4(AUTH);
    if (isRefusal(header)) throw new Error(header.message);
    expect(verifySigV4(EXAMPLE, header, secret, now)?.code).toBe(code);
  });

  it('refuses a changed body or header under a known secret, and passes any signature without one', () => {
    const header = parseSigV4(AUTH);
    if (isRefusal(header)) throw new Error(header.message);
    const tampered = { ...EXAMPLE, query: 'Action=DeleteUser&Version=2010-05-08' };
    expect(verifySigV4(tampered, header, SECRET, AT)?.code).toBe('SignatureDoesNotMatch');
    expect(verifySigV4(tampered, header, undefined, AT)).toBeNull();
  });

  it.each([
    [undefined, 'MissingAuthenticationToken'],
    ['Bearer abc', 'IncompleteSignature'],
    [
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, Signature=00',
      'IncompleteSignature',
    ],
    [AUTH.replace('content-type;host;x-amz-date', 'content-type;x-amz-date'), 'IncompleteSignature'],
  ])('a malformed header %s is %s', (value, code) => {
    const parsed = parseSigV4(value);
    expect(isRefusal(parsed) ? parsed.code : 'parsed').toBe(code);
  });
});
