import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../test-kit/demo-test-kit.ts';

describe('serving', () => {
  let demo: Awaited<ReturnType<typeof startDemo>>;
  beforeAll(async () => {
    demo = await startDemo();
  });
  afterAll(() => demo.close());

  it.each(['/demo/', '/demo/signup', '/demo/login', '/demo/confirm?action=settings', '/demo/two-step'])(
    'serves %s as HTML under a strict CSP',
    async (path) => {
      const answer = await demo.get(path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
      expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(answer.text).toContain('Seller Center');
    },
  );

  const PAGE_MODULES = [
    'busy-button.js',
    'channel-switch.js',
    'code-fields.js',
    'countdown.js',
    'demo-api.js',
    'destination-text.js',
    'field-errors.js',
    'flow-elements.js',
    'flow-page.js',
    'flow-poller.js',
    'flow-render.js',
    'relay-clock.js',
    'required-element.js',
    'status-line.js',
    'two-step-form.js',
  ];

  it('serves the stylesheet', async () => {
    const answer = await demo.get('/demo/assets/demo.css');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it.each(PAGE_MODULES)('serves the page module %s as JavaScript whose imports are served too', async (file) => {
    const answer = await demo.get(`/demo/assets/${file}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/javascript/);
    // Compiled: no type annotations left (a stray one is a syntax error in the browser).
    expect(answer.text).not.toMatch(/\bimport type\b|\binterface \w+ \{/);
    for (const [, imported] of answer.text.matchAll(/\bfrom\s*"\.\/([^"]+)"/g)) {
      expect(PAGE_MODULES, `${file} imports ${imported}`).toContain(imported);
    }
  });

  it('serves nothing else from the assets folder', async () => {
    expect((await demo.get('/demo/assets/code-fields.ts')).status).toBe(404);
    expect((await demo.get('/demo/assets/code-fields.test.js')).status).toBe(404);
    expect((await demo.get('/demo/assets/code-fields.test.ts')).status).toBe(404);
    expect((await demo.get('/demo/assets/..%2Frouter.ts')).status).toBe(404);
  });
});
