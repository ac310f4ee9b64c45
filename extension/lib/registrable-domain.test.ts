import { describe, expect, it } from 'vitest';
import { pageAt, siteFromInput } from './registrable-domain.ts';

describe('siteFromInput', () => {
  it.each([
    ['seller-us.tiktok.com', 'tiktok.com'],
    ['https://seller.lumengoods.example/settings/security', 'lumengoods.example'],
    ['  Shopee.co.id ', 'shopee.co.id'],
    ['https://seller-us.tiktok.com:8443', 'tiktok.com'],
    ['127.0.0.1', null],
    ['localhost', null],
    ['', null],
    ['not a site at all', null],
  ])('%s → %s', (input, site) => {
    expect(siteFromInput(input)).toBe(site);
  });
});

describe('pageAt', () => {
  it('is the origin with its registrable domain', () => {
    expect(pageAt('https://a.shopee.co.id')).toEqual({ origin: 'https://a.shopee.co.id', site: 'shopee.co.id' });
    expect(pageAt('http://127.0.0.1:8787')).toEqual({ origin: 'http://127.0.0.1:8787', site: null });
  });
});
