import { describe, expect, it } from 'vitest';
import { emailDomain } from './email-domain.ts';

describe('emailDomain', () => {
  it.each([
    ['no-reply@account.tiktok.com', 'account.tiktok.com'],
    ['TikTok <no-reply@account.tiktok.com>', 'account.tiktok.com'],
    ['"tiktok.com" <alerts@evil.example>', 'evil.example'],
    ['"Amazon <security@amazon.com>" <x@evil.example>', 'evil.example'],
    ['  Shop@Shop.Example.COM  ', 'shop.example.com'],
    ['info@bücher.example', 'xn--bcher-kva.example'],
    ['not an address', null],
    ['a@b@c.example', null],
    ['two@a.example, three@b.example', null],
    ['x@localhost', null],
    ['x@evil.example/tiktok.com', null],
    ['', null],
  ])('%s → %s', (from, domain) => {
    expect(emailDomain(from)).toBe(domain);
  });
});
