import { describe, expect, it } from 'vitest';
import { authenticatedDomains, type HeaderField } from './authenticated-domains.ts';

const ar = (value: string): HeaderField => ({ key: 'authentication-results', value });
const h = (key: string, value = 'x'): HeaderField => ({ key, value });

describe('authenticatedDomains: what the receiving server vouches for, and nothing a sender wrote', () => {
  it.each<[string, HeaderField[], string | undefined, string[]]>([
    [
      'Gmail-style dkim and dmarc pass',
      [
        h('received'),
        ar(
          'mx.google.com; dkim=pass header.i=@accounts.example.com header.s=s1 header.b=abc; spf=pass (google.com: domain of x) smtp.mailfrom=bounce.example.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com',
        ),
      ],
      undefined,
      ['example.com'],
    ],
    [
      'dkim pass names header.d',
      [ar('mx.example.net; dkim=pass (2048-bit key) header.d=shop.example.org header.s=k1')],
      undefined,
      ['shop.example.org'],
    ],
    [
      'dkim fail, dmarc fail: nothing',
      [ar('mx.example.net; dkim=fail header.d=example.com; dmarc=fail header.from=example.com')],
      undefined,
      [],
    ],
    ['spf pass alone is not enough', [ar('mx.example.net; spf=pass smtp.mailfrom=example.com')], undefined, []],
    ['none', [ar('mx.example.net; none')], undefined, []],
    ['no header at all', [h('from', 'a@example.com')], undefined, []],
    [
      'a forged header below the receiver’s is ignored',
      [
        ar('mx.example.net; dkim=fail header.d=bank.example'),
        h('received'),
        ar('mx.example.net; dkim=pass header.d=bank.example'),
      ],
      undefined,
      [],
    ],
    [
      'two adjacent headers of the receiver (one per method) both count',
      [ar('mx.example.net; dkim=pass header.d=a.example'), ar('mx.example.net; dmarc=pass header.from=b.example')],
      undefined,
      ['a.example', 'b.example'],
    ],
    [
      'an adjacent header with another id stops the run',
      [ar('mx.example.net; dkim=pass header.d=a.example'), ar('evil.example; dmarc=pass header.from=bank.example')],
      undefined,
      ['a.example'],
    ],
    [
      'configured authserv-id: the topmost header with it',
      [
        ar('forwarder.example; dkim=pass header.d=x.example'),
        h('received'),
        ar('mx.example.net; dmarc=pass header.from=example.com'),
      ],
      'MX.example.net',
      ['example.com'],
    ],
    [
      'configured authserv-id that never appears: nothing',
      [ar('evil.example; dkim=pass header.d=bank.example')],
      'mx.example.net',
      [],
    ],
    [
      'comments and quotes do not confuse it',
      [
        ar(
          'mx.example.net (Postfix) 1; dkim=pass (good signature; really) header.d="example.com"; dmarc=pass header.from=Example.COM',
        ),
      ],
      undefined,
      ['example.com'],
    ],
    [
      'a header.from that is a whole address',
      [ar('mx.example.net; dmarc=pass header.from=no-reply@example.com')],
      undefined,
      ['example.com'],
    ],
    ['garbage', [ar(';;; ===== (((')], undefined, []],
  ])('%s', (_name, headers, authservId, expected) => {
    expect(authenticatedDomains(headers, authservId)).toEqual(expected);
  });
});
