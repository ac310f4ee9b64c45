import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseOtpauthUri } from './parse-otpauth-uri.ts';
import { currentCode } from './totp-code.ts';
import { Vault } from './vault.ts';

/** RFC 6238 appendix B: the seeds (ASCII) and the 8-digit codes at each time, per algorithm. */
const SEEDS = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;
const VECTORS: [seconds: number, sha1: string, sha256: string, sha512: string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

/** RFC 4648 base32, written out here so the test does not lean on the library it checks. */
function base32(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...new TextEncoder().encode(text)].map((b) => b.toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => alphabet[Number.parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}

beforeEach(() => fakeBrowser.reset());

describe('RFC 6238 appendix B through the extension’s path (otpauth URI → vault → code)', () => {
  const cases = VECTORS.flatMap(([seconds, ...codes]) =>
    (['SHA1', 'SHA256', 'SHA512'] as const).map((algorithm, i) => [algorithm, seconds, codes[i] as string] as const),
  );

  it.each(cases)('%s at T=%i s gives %s', async (algorithm, seconds, expected) => {
    const uri = `otpauth://totp/RFC%206238:test?secret=${base32(SEEDS[algorithm])}&algorithm=${algorithm}&digits=8&period=30`;
    const parsed = parseOtpauthUri(uri);
    if (!parsed.ok) throw new Error(parsed.message);
    const vault = new Vault({ iterations: 1_000 });
    await vault.create('correct horse battery');
    await vault.add([{ params: parsed.params, site: 'example.com' }]);
    const [entry] = (await vault.entries()) ?? [];
    if (!entry) throw new Error('no entry kept');
    const code = currentCode(entry, 'RFC 6238', seconds * 1000);
    expect(code.code).toBe(expected);
    expect(code.expiresAt - code.createdAt).toBe(30_000);
    expect(code.createdAt).toBe(Math.floor(seconds / 30) * 30_000);
  });
});

describe('currentCode', () => {
  it('6 digits by default, a 60 s period, and the period it belongs to', () => {
    const parsed = parseOtpauthUri(`otpauth://totp/Shop:me?secret=${base32(SEEDS.SHA1)}&period=60`);
    if (!parsed.ok) throw new Error(parsed.message);
    const entry = { ...parsed.params, id: 'e1', site: 'shop.example', addedAt: 0 };
    const code = currentCode(entry, 'Shop (me)', 59_000);
    // RFC 4226 appendix D, counter 0 (T=59 s with a 60 s step is counter 0): 755224.
    expect(code).toEqual({
      kind: 'authenticator',
      entryId: 'e1',
      code: '755224',
      site: 'shop.example',
      name: 'Shop (me)',
      createdAt: 0,
      expiresAt: 60_000,
    });
  });
});
