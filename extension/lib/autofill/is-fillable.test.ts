// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageWith, type TestPage } from '../../test-kit/autofill-page.ts';
import { CASES } from './is-fillable.cases.ts';
import { isFillable } from './is-fillable.ts';

// The first page of a file warms happy-dom's style engine up: seconds on a loaded 2-core CI machine.
vi.setConfig({ testTimeout: 20_000 });

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

describe('isFillable', () => {
  it.each(CASES.filter(([, , , needs]) => needs !== 'layout'))('%s → %s', (_name, html, expected) => {
    page = pageWith(html);
    expect(isFillable(page.doc.getElementById('target') as HTMLInputElement)).toBe(expected);
  });

  it('is true inside an open shadow root whose host is visible', () => {
    page = pageWith('<div id="host" style="opacity:0.9"></div>');
    const host = page.doc.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div style="opacity:0.9"><input id="target"></div>';
    const target = shadow.getElementById('target') as HTMLInputElement;
    expect(target.getRootNode()).toBe(shadow);
    expect(isFillable(target)).toBe(true);
  });

  it('multiplies opacities across the shadow boundary (host 0.3 × inner 0.3 is hidden)', () => {
    page = pageWith('<div id="host" style="opacity:0.3"></div>');
    const shadow = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div style="opacity:0.3"><input id="target"></div>';
    expect(isFillable(shadow.getElementById('target') as HTMLInputElement)).toBe(false);
  });

  it('looks through shadow hosts for hidden ancestors', () => {
    page = pageWith('<div id="host" style="display:none"></div>');
    const shadow = (page.doc.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input id="target">';
    expect(isFillable(shadow.getElementById('target') as HTMLInputElement)).toBe(false);
  });

  it('is false for an element no longer in the document', () => {
    page = pageWith('<input id="target">');
    const input = page.doc.getElementById('target') as HTMLInputElement;
    input.remove();
    expect(isFillable(input)).toBe(false);
  });
});
