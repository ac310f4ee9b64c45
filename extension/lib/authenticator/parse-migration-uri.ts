import { BinaryReader, base64Decode, WireType } from '@bufbuild/protobuf/wire';
import * as OTPAuth from 'otpauth';
import { checkTotp } from './parse-otpauth-uri.ts';
import type { TotpParams } from './totp-params.ts';

/*
 * Google Authenticator's "Transfer accounts" QR code: `otpauth-migration://offline?data=<base64>`, where data is
 * a protobuf MigrationPayload (field layout as published by the apps that import it, e.g. Aegis's
 * google_auth.proto):
 *
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2; int32 batch_size = 3;
 *                      int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
 *                      DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 *   Algorithm  { UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
 *   DigitCount { UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
 *   OtpType    { UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
 *
 * The wire is read with @bufbuild/protobuf's BinaryReader (its `wire` entry alone: no schema runtime in the
 * bundle). Google Authenticator has no period field: its time-based codes are always 30 s.
 */
const ALGORITHM: Record<number, string> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512', 4: 'MD5' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const HOTP = 1;

interface RawOtp {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
}

export interface MigrationBatch {
  /** The time-based accounts it holds, ready to add. */
  accounts: TotpParams[];
  /** Accounts left out, each with the reason ("Bank (HOTP): counter-based codes are not supported."). */
  skipped: string[];
  /** Google Authenticator splits a big export over several QR codes: this is number `index + 1` of `size`. */
  batchIndex: number;
  batchSize: number;
}

export type ParsedMigration = { ok: true; batch: MigrationBatch } | { ok: false; message: string };

export function isMigrationUri(text: string): boolean {
  return /^otpauth-migration:\/\//i.test(text.trim());
}

export function parseMigrationUri(text: string): ParsedMigration {
  const uri = text.trim();
  // The raw query, not URLSearchParams: that turns a '+' of unescaped base64 (a hand-copied link) into a space.
  const match = /^otpauth-migration:\/\/offline\?(?:.*&)?data=([^&#]*)/i.exec(uri);
  if (!match?.[1])
    return {
      ok: false,
      message: 'That is not a Google Authenticator export link (otpauth-migration://offline?data=…).',
    };
  let payload: { otps: RawOtp[]; batchIndex: number; batchSize: number };
  try {
    payload = readPayload(base64Decode(decodeURIComponent(match[1])));
  } catch {
    return { ok: false, message: 'That export link could not be read: scan or copy it again, whole.' };
  }
  const accounts: TotpParams[] = [];
  const skipped: string[] = [];
  for (const otp of payload.otps) {
    const name = otp.issuer ? `${otp.issuer} (${otp.name})` : otp.name || 'An account';
    if (otp.type === HOTP) {
      skipped.push(`${name}: counter-based (HOTP) codes are not supported.`);
      continue;
    }
    const checked = checkTotp({
      secret: new OTPAuth.Secret({ buffer: otp.secret.slice().buffer }).base32,
      // Google Authenticator's name is often "Issuer:account", as in an otpauth URI's label.
      label: otp.issuer && otp.name.startsWith(`${otp.issuer}:`) ? otp.name.slice(otp.issuer.length + 1) : otp.name,
      issuer: otp.issuer,
      algorithm: ALGORITHM[otp.algorithm] ?? `#${otp.algorithm}`,
      digits: DIGITS[otp.digits] ?? otp.digits,
      period: 30,
    });
    if (checked.ok) accounts.push(checked.params);
    else skipped.push(`${name}: ${checked.message}`);
  }
  if (accounts.length === 0 && skipped.length === 0)
    return { ok: false, message: 'That export link holds no accounts.' };
  return { ok: true, batch: { accounts, skipped, batchIndex: payload.batchIndex, batchSize: payload.batchSize } };
}

function readPayload(bytes: Uint8Array): { otps: RawOtp[]; batchIndex: number; batchSize: number } {
  const reader = new BinaryReader(bytes);
  const otps: RawOtp[] = [];
  let batchIndex = 0;
  let batchSize = 1;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) otps.push(readOtp(reader.bytes()));
    else if (field === 3 && wireType === WireType.Varint) batchSize = reader.int32();
    else if (field === 4 && wireType === WireType.Varint) batchIndex = reader.int32();
    else reader.skip(wireType);
  }
  return { otps, batchIndex, batchSize };
}

function readOtp(bytes: Uint8Array): RawOtp {
  const reader = new BinaryReader(bytes);
  const otp: RawOtp = { secret: new Uint8Array(), name: '', issuer: '', algorithm: 0, digits: 0, type: 0 };
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1 && wireType === WireType.LengthDelimited) otp.secret = reader.bytes();
    else if (field === 2 && wireType === WireType.LengthDelimited) otp.name = reader.string();
    else if (field === 3 && wireType === WireType.LengthDelimited) otp.issuer = reader.string();
    else if (field === 4 && wireType === WireType.Varint) otp.algorithm = reader.int32();
    else if (field === 5 && wireType === WireType.Varint) otp.digits = reader.int32();
    else if (field === 6 && wireType === WireType.Varint) otp.type = reader.int32();
    else reader.skip(wireType);
  }
  return otp;
}
