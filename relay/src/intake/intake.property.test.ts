import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage } from './analyze-message.ts';
import { extractCode } from './extract-code.ts';
import { normalizeText } from './normalize-text.ts';

const options = { senderRules: [], defaultTtlMs: 600_000 };
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const pad = (value: number) => String(value).padStart(2, '0');

/** Numbers that are something else, in the shapes real messages write them. */
const lookAlike = fc.oneof(
  digits(4, 12).map((n) => `Order #${n}`),
  digits(3, 3).chain((a) => digits(7, 7).map((b) => `order ${a}-${b}-${b}`)),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => `$${n.toLocaleString('en-US')}.${pad(n % 100)}`),
  fc.integer({ min: 1000, max: 99_999_999 }).map((n) => `Rp ${n.toLocaleString('de-DE')}`),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => `${n.toLocaleString('de-DE')},${pad(n % 100)} €`),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => `${n}円`),
  fc
    .date({ min: new Date(1990, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true })
    .chain((d) =>
      fc.constantFrom(
        `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`,
        d.toISOString().slice(0, 10),
        `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`,
        `${pad(d.getHours())}:${pad(d.getMinutes())}`,
        `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
      ),
    ),
  digits(3, 3).chain((a) => digits(4, 4).map((b) => `+1 415 ${a} ${b}`)),
  digits(3, 3).chain((a) => digits(4, 4).map((b) => `(415) ${a}-${b}`)),
  digits(3, 3).chain((a) => digits(4, 4).map((b) => `1-800-${a}-${b}`)),
  digits(8, 11).map((n) => `+${n}`),
  digits(5, 6).map((n) => `reply STOP to ${n}`),
  digits(4, 4).map((n) => `card ending in ${n}`),
  digits(4, 4).map((n) => `**** ${n}`),
  digits(5, 5).map((n) => `ZIP ${n}`),
  digits(4, 10).map((n) => `https://shop.example/track/${n}`),
  digits(4, 10).map((n) => `user${n}@mail.example`),
  digits(4, 8).map((n) => `promo code ${n} for 20% off`),
  digits(10, 22).map((n) => `tracking number ${n}`),
);
const filler = fc.constantFrom(' ', '. ', ', ', ' and ', ' at ', '\n', ' — ', ' on ', ' total ', ' from ');
const lookAlikeMessage = fc
  .array(fc.tuple(lookAlike, filler), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([part, glue]) => part + glue).join(''));

/** Keywords next to look-alikes: the keyword is there, the number next to it is still not a code. */
const keywordNextToLookAlike = fc
  .tuple(
    fc.constantFrom('Your verification code', 'OTP', '验证码', 'Kode verifikasi', 'รหัส OTP', 'Ваш код'),
    fc.constantFrom(': ', ' ', ' is '),
    lookAlike.filter((text) => !/^(?:\d{4}|\d{2}:\d{2})$/.test(text)),
  )
  .map(([keyword, glue, number]) => `${keyword}${glue}${number}`);

const anyChar = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const anyText = fc.string({ unit: fc.oneof(anyChar, fc.constantFrom('@', '#', '<', '>', '\n', ' ', '1', '.', '-')) });

describe('extraction properties', () => {
  it('finds no code in order numbers, amounts, dates, times, phone numbers and links with no keyword', () => {
    fc.assert(
      fc.property(lookAlikeMessage, (text) => {
        expect(extractCode(normalizeText(text))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('finds no code in a look-alike even right after a code keyword', () => {
    fc.assert(
      fc.property(keywordNextToLookAlike, (text) => {
        expect(extractCode(normalizeText(text))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text, HTML, subject and sender, and always answers the same shape', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sms', 'email' as const),
        anyText,
        fc.option(anyText),
        fc.option(anyText),
        fc.option(anyText),
        fc.option(fc.array(anyText, { maxLength: 3 }), { nil: undefined }),
        (channel, from, subject, text, html, authenticatedDomains) => {
          const result = analyzeMessage(
            {
              channel: channel as 'sms' | 'email',
              from,
              subject: subject ?? undefined,
              text: text ?? undefined,
              html: html ?? undefined,
              receivedAt: 0,
              authenticatedDomains,
            },
            options,
          );
          expect(typeof result.text).toBe('string');
          expect(result.code === null || /^[0-9A-Za-z]{4,10}$/.test(result.code)).toBe(true);
          expect(result.expiresAt).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  // No timing assertion (those belong in `npm run bench`): a regex that backtracks on one of these would take
  // minutes per call and trip the test timeout.
  const KIB_256 = 256 * 1024;
  const repeat = (unit: string) => unit.repeat(Math.ceil(KIB_256 / unit.length)).slice(0, KIB_256);
  it.each([
    ['one letter run', repeat('a')],
    ['dotted names without a slash', repeat('a.')],
    ['dashed names', repeat('a-')],
    ['at signs between letters', repeat('a@')],
    ['digits and separators', repeat('1-2 3.4,5/6:')],
    ['keywords and numbers', repeat('code 482913 order 12345 ')],
    ['one giant line of candidates', repeat('OTP K7P9Q2 ')],
    ['URL prefixes', repeat('http://')],
    ['inflecting keywords', repeat('kod')],
    ['spaced digits', repeat('1 ')],
    ['blank lines and codes', repeat('code\n\n\n482913\n')],
    [
      'random unicode',
      fc.sample(fc.string({ unit: anyChar, minLength: KIB_256, maxLength: KIB_256 }), {
        numRuns: 1,
        seed: 9,
      })[0] as string,
    ],
  ])('stays linear on 256 KiB of %s', (_name, text) => {
    for (const input of [{ text }, { html: text }, { html: `<p>${text.replaceAll('a', '<b>a</b>')}</p>` }]) {
      const result = analyzeMessage({ channel: 'email', from: 'a@b.example', receivedAt: 0, ...input }, options);
      expect(typeof result.text).toBe('string');
    }
  });
});
