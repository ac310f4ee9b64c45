import * as OTPAuth from 'otpauth';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { isMigrationUri, parseMigrationUri } from './parse-migration-uri.ts';
import { currentCode } from './totp-code.ts';

/*
 * Google Authenticator's export, built the way the app builds it: protobuf.js encodes a MigrationPayload from
 * the .proto that apps importing these exports publish (Aegis's google_auth.proto), independently of the
 * extension's own reader.
 */
const PROTO = `syntax = "proto3";
message MigrationPayload {
  enum Algorithm { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
  enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
  enum OtpType { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
  message OtpParameters {
    bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
    DigitCount digits = 5; OtpType type = 6; int64 counter = 7;
  }
  repeated OtpParameters otp_parameters = 1;
  int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
}`;
const Payload = protobuf.parse(PROTO).root.lookupType('MigrationPayload');

const SHOP_KEY = new Uint8Array([
  0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
]);
const BIG_KEY = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256);

function exportUri(payload: Record<string, unknown>): string {
  const bytes = Payload.encode(Payload.fromObject(payload)).finish();
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}

const ACCOUNTS = {
  otpParameters: [
    {
      secret: SHOP_KEY,
      name: 'seller@lumengoods.example',
      issuer: 'Lumen Goods',
      algorithm: 'SHA1',
      digits: 'SIX',
      type: 'TOTP',
    },
    {
      secret: BIG_KEY,
      name: 'TikTok Shop:seller-us',
      issuer: 'TikTok Shop',
      algorithm: 'SHA512',
      digits: 'EIGHT',
      type: 'TOTP',
    },
    {
      secret: SHOP_KEY,
      name: 'old bank token',
      issuer: 'Bank',
      algorithm: 'SHA1',
      digits: 'SIX',
      type: 'HOTP',
      counter: 4,
    },
    { secret: BIG_KEY, name: 'legacy', issuer: 'Legacy', algorithm: 'MD5', digits: 'SIX', type: 'TOTP' },
  ],
  version: 1,
  batchSize: 2,
  batchIndex: 1,
  batchId: -1_234_567,
};

describe('parseMigrationUri (Google Authenticator export)', () => {
  it('reads every time-based account with its key and settings; says which were left out and why', () => {
    const uri = exportUri(ACCOUNTS);
    expect(isMigrationUri(uri)).toBe(true);
    const parsed = parseMigrationUri(uri);
    if (!parsed.ok) throw new Error(parsed.message);
    const { accounts, skipped, batchIndex, batchSize } = parsed.batch;
    expect({ batchIndex, batchSize }).toEqual({ batchIndex: 1, batchSize: 2 });
    expect(accounts).toEqual([
      {
        secret: new OTPAuth.Secret({ buffer: SHOP_KEY.slice().buffer }).base32,
        issuer: 'Lumen Goods',
        label: 'seller@lumengoods.example',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
      {
        secret: new OTPAuth.Secret({ buffer: BIG_KEY.slice().buffer }).base32,
        issuer: 'TikTok Shop',
        label: 'seller-us',
        algorithm: 'SHA512',
        digits: 8,
        period: 30,
      },
    ]);
    expect(skipped).toEqual([
      'Bank (old bank token): counter-based (HOTP) codes are not supported.',
      'Legacy (legacy): The algorithm MD5 is not supported (SHA1, SHA256 or SHA512).',
    ]);
  });

  it('makes the codes the phone app makes from the same keys', () => {
    const parsed = parseMigrationUri(exportUri(ACCOUNTS));
    if (!parsed.ok) throw new Error(parsed.message);
    const at = 1_765_000_000_000;
    const codes = parsed.batch.accounts.map((p) => currentCode({ ...p, id: 'x', site: null, addedAt: 0 }, '', at).code);
    expect(codes).toEqual([
      OTPAuth.TOTP.generate({ secret: new OTPAuth.Secret({ buffer: SHOP_KEY.slice().buffer }), timestamp: at }),
      OTPAuth.TOTP.generate({
        secret: new OTPAuth.Secret({ buffer: BIG_KEY.slice().buffer }),
        algorithm: 'SHA512',
        digits: 8,
        timestamp: at,
      }),
    ]);
  });

  it('takes a hand-copied link whose base64 was not percent-encoded', () => {
    const bytes = Payload.encode(Payload.fromObject({ otpParameters: [ACCOUNTS.otpParameters[1]] })).finish();
    const raw = Buffer.from(bytes).toString('base64');
    expect(raw).toMatch(/[+/=]/);
    const parsed = parseMigrationUri(`otpauth-migration://offline?data=${raw}`);
    expect(parsed.ok && parsed.batch.accounts.map((a) => a.issuer)).toEqual(['TikTok Shop']);
  });

  it.each([
    ['another scheme', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', /not a Google Authenticator export/],
    ['no data', 'otpauth-migration://offline?foo=1', /not a Google Authenticator export/],
    ['a cut-off payload', exportUri(ACCOUNTS).slice(0, 60), /could not be read/],
    [
      'an empty export',
      exportUri({ otpParameters: [] }).replace(/data=$/, 'data=AA%3D%3D'),
      /could not be read|no accounts/,
    ],
  ])('refuses %s', (_name, uri, message) => {
    const parsed = parseMigrationUri(uri);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
