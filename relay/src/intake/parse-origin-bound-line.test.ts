import { describe, expect, it } from 'vitest';
import { parseOriginBoundLine } from './parse-origin-bound-line.ts';

describe('parseOriginBoundLine', () => {
  it.each([
    [
      'the spec example',
      'Your code is 747723.\n\n@example.com #747723',
      { host: 'example.com', code: '747723', embeddedHost: null },
    ],
    [
      'an embedded host after @',
      '747723\n@top.example #747723 @iframe.example',
      { host: 'top.example', code: '747723', embeddedHost: 'iframe.example' },
    ],
    [
      'an embedded host after % (Apple)',
      'Code 482913\n\n@apple.com #482913 %apple.com',
      { host: 'apple.com', code: '482913', embeddedHost: 'apple.com' },
    ],
    [
      'upper-case host, trailing blank lines',
      'x\n@Shop.Example.COM #K7P9Q2\n\n',
      { host: 'shop.example.com', code: 'K7P9Q2', embeddedHost: null },
    ],
    ['a port', 'x\n@shop.example:8443 #482913', { host: 'shop.example', code: '482913', embeddedHost: null }],
  ])('%s', (_name, text, line) => {
    expect(parseOriginBoundLine(text)).toEqual(line);
  });

  it.each([
    ['not the last line', '@example.com #482913\nThanks!'],
    ['no space before #', '@example.com#482913'],
    ['text after the code', '@example.com #482913 thanks'],
    ['a code too short', '@example.com #123'],
    ['a code with punctuation', '@example.com #48-29'],
    ['an email address, not a line', 'write to me@example.com #482913'],
    ['empty text', ''],
  ])('null for %s', (_name, text) => {
    expect(parseOriginBoundLine(text)).toBeNull();
  });
});
