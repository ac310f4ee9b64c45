import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from './demo-test-kit.ts';

describe('serving', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  it.each(['/demo/', '/demo/signup', '/demo/login', '/demo/confirm?action=settings'])(
    'serves %s as HTML under a strict CSP',
    async (path) => {
      const answer = await demo.get(path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(answer.text).toContain('Seller Center');
    },
  );

  it.each([
    ['demo.css', /^text\/css/],
    ['flow-page.js', /^text\/javascript/],
    ['code-fields.js', /^text\/javascript/],
    ['demo-api.js', /^text\/javascript/],
    ['relay-clock.js', /^text\/javascript/],
  ])('serves the asset %s', async (file, type) => {
    const answer = await demo.get(`/demo/assets/${file}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(type);
  });

  it('serves nothing else from the assets folder', async () => {
    expect((await demo.get('/demo/assets/code-fields.d.ts')).status).toBe(404);
    expect((await demo.get('/demo/assets/..%2Frouter.ts')).status).toBe(404);
  });
});
