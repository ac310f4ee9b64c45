import { describe, expect, it } from 'vitest';
import { siteOfOrigin } from './site-of-origin.ts';

describe('siteOfOrigin', () => {
  it.each([
    ['https://seller-us.tiktok.com', 'tiktok.com'],
    ['https://shop.example.co.uk:8443', 'example.co.uk'],
    ['https://tiktok.com', 'tiktok.com'],
    ['http://127.0.0.1:8787', '127.0.0.1'],
    ['http://localhost:3000', 'localhost'],
    ['http://[::1]:8787', '::1'],
  ])('%s → %s', (origin, site) => {
    expect(siteOfOrigin(origin)).toBe(site);
  });
});
