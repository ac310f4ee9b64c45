import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { parseEmail } from './parse-email.ts';

/*
 * parseEmail runs postal-mime in a worker with its own Blob (parse-worker.mjs): what it finds must be what
 * postal-mime finds on this thread with Node's Blob, for every transfer encoding (each decoder joins its
 * lines through Blob) and for nested and odd messages.
 */
const CRLF = (lines: string[]) => lines.join('\r\n');
const b64 = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/(.{76})/g, '$1\r\n');

const MESSAGES: Record<string, string> = {
  'multipart/alternative, 7bit text and quoted-printable HTML': CRLF([
    'From: "Shop" <no-reply@shop.example>',
    'Subject: =?UTF-8?B?WW91ciBjb2RlIOKAkyA0ODI5MTM=?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your code is 482913.',
    'It expires in 10 minutes.',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p style=3D"font-size:24px">Your code is <b>482913</b>.</p><p>Caf=C3=A9 =',
    'ends here</p>',
    '--b1--',
    '',
  ]),
  'base64 text with a base64 attachment in multipart/mixed inside multipart/related': CRLF([
    'From: codes@bank.example',
    'Subject: Sign-in',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(`Código de verificação: 640117\n${'Não compartilhe este código. '.repeat(20)}`),
    '--inner--',
    '--outer',
    'Content-Type: application/pdf; name="terms.pdf"',
    'Content-Disposition: attachment; filename="terms.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    b64('%PDF-1.4 not really a pdf '.repeat(50)),
    '--outer--',
    '',
  ]),
  '8-bit latin-1 body, no MIME headers': CRLF([
    'From: x@y.example',
    'Subject: caf\u00e9',
    '',
    'Code 918273 \u00e9\u00e8',
    '',
  ]),
};

describe('parseEmail (postal-mime in a worker)', () => {
  it.each(Object.entries(MESSAGES))('%s: the same as postal-mime on this thread', async (_name, message) => {
    const raw = Buffer.from(message, 'latin1');
    const here = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    const parsed = await parseEmail(raw);
    expect(parsed).toEqual({
      from: here.from?.address,
      subject: here.subject?.trim(),
      text: here.text,
      html: here.html,
      headers: here.headers.map(({ key, value }) => ({ key, value })),
      parsed: true,
    });
  });

  it('decodes what the encodings carry (not just what postal-mime on this thread does)', async () => {
    const first = await parseEmail(
      Buffer.from(MESSAGES['multipart/alternative, 7bit text and quoted-printable HTML'] as string),
    );
    expect(first.subject).toBe('Your code – 482913');
    expect(first.html?.trim()).toBe('<p style="font-size:24px">Your code is <b>482913</b>.</p><p>Café ends here</p>');
    const second = await parseEmail(
      Buffer.from(
        MESSAGES['base64 text with a base64 attachment in multipart/mixed inside multipart/related'] as string,
      ),
    );
    expect(second.text?.startsWith('Código de verificação: 640117\n')).toBe(true);
  });

  it('many at once come back each with its own words', async () => {
    const raws = Array.from({ length: 200 }, (_, i) =>
      Buffer.from(`From: a@b.example\r\nSubject: n${i}\r\n\r\nCode ${100000 + i}\r\n`),
    );
    const parsed = await Promise.all(raws.map((raw) => parseEmail(raw)));
    expect(parsed.map((p) => p.subject)).toEqual(raws.map((_, i) => `n${i}`));
    expect(parsed.map((p) => p.text?.trim())).toEqual(raws.map((_, i) => `Code ${100000 + i}`));
  });
});
