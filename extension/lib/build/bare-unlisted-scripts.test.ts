import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { lettify } from './bare-unlisted-scripts.ts';

const lettified = (code: string) => lettify(code, parseAst(code));

describe('lettify', () => {
  it.each([
    ['a declaration', 'const a = 1, b = 2;', 'let a = 1, b = 2;'],
    ['loop heads and blocks', 'for (const x of y) { const z = x; }', 'for (let x of y) { let z = x; }'],
    [
      'inside functions and arrows',
      'function f() { const a = () => { const b = 1; }; }',
      'function f() { let a = () => { let b = 1; }; }',
    ],
    [
      'the word elsewhere: strings, properties, names',
      'let constant = "const"; o.const = 1;',
      'let constant = "const"; o.const = 1;',
    ],
  ])('%s', (_name, code, expected) => {
    expect(lettified(code)).toBe(expected);
  });
});
