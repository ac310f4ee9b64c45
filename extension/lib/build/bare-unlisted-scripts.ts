import type { InlineConfig, Plugin } from 'vite';
import type { Entrypoint } from 'wxt';

const PREFIX = 'virtual:otp-relay-bare-unlisted?';
/**
 * What these builds use instead of two WXT modules (resolved before WXT's own aliases): `browser` is Chrome's
 * `chrome` (what wxt/browser picks in Chrome, without the test for Firefox's `browser`: the extension is
 * Chrome-only, MV3), and an unlisted script's definition is its main function itself, which the entry calls,
 * so that terser inlines it (WXT's `{ main }` object is what its own wrapper reads).
 */
const OWN_MODULES: Record<string, string> = {
  'wxt/browser': 'export const browser = chrome;\n',
  'wxt/utils/define-unlisted-script': 'export const defineUnlistedScript = (main) => main;\n',
};
/**
 * Properties of autofill.js's own objects (field text's own/context, the fill's keepTyped option), renamed by
 * terser in these builds. Only names that never cross a file boundary (not the messages, not what
 * a part or pack is given or returns) and that this code never reads from a DOM object (no event.target):
 * a name added here must stay that way. test/components and the autofill flows run the built files.
 */
const INTERNAL_PROPERTIES = /^(own|context|keepTyped)$/;

/**
 * Build hook (wxt.config.ts): the scripts the background injects into web pages (autofill.js, its parts
 * autofill-{arm,submit,roots,slots,split}.js, and the autofill-lang-* packs) are built from an entry that only calls the entrypoint's `main`, instead of WXT's
 * unlisted-script wrapper, whose logger, plugin start-up and crash messages were ≈ 450 bytes of each file: a
 * third of a language pack, and bytes against autofill.js's 10 KiB budget (issue 14). Nothing else changes:
 * same entrypoint file, same IIFE, same output name. They are also minified by terser with three passes
 * rather than Vite's default (≈ 0.35 KiB less in autofill.js); `unsafe_arrows` is safe here, because none
 * of this code calls a function expression with `new` or reads its `this`, and `unsafe` (it folds the
 * keyword lists' `[…].join('|')` into one string) because it never shadows a global such as `Array`; not
 * `unsafe_comps`, which turns `!(a < b)` into `a >= b`, wrong for the NaN that is-fillable's `px()` answers
 * for "auto".
 * Every `const` is written `let` (lettify, before terser): both are block-scoped with the same dead zone, and
 * TypeScript already refuses an assignment to a const, so the only difference left is 2 bytes a declaration
 * (≈ 0.2 KiB of autofill.js). Not shipped: only the build imports it.
 */
export function bareUnlistedScripts(entrypoints: readonly Entrypoint[], config: InlineConfig): void {
  const [entrypoint] = entrypoints;
  const lib = config.build?.lib;
  if (entrypoints.length !== 1 || !entrypoint || entrypoint.type !== 'unlisted-script' || !lib) return;
  if (!/^autofill(-lang-[a-z]{2}|-arm|-submit|-roots|-slots|-split)?$/.test(entrypoint.name)) return;
  lib.entry = `${PREFIX}${entrypoint.inputPath}`;
  if (config.build) {
    config.build.minify = 'terser';
    config.build.terserOptions = {
      ecma: 2020,
      compress: { passes: 3, unsafe_arrows: true, unsafe: true, hoist_funs: true },
      mangle: { properties: { regex: INTERNAL_PROPERTIES, builtins: true } },
    };
  }
  const plugin: Plugin = {
    name: 'otp-relay:bare-unlisted-script',
    enforce: 'pre',
    // Vite's library mode has made the entry absolute (root + entry): the entrypoint's path follows PREFIX.
    resolveId: (id) => {
      if (id in OWN_MODULES) return `\0${PREFIX}${id}`;
      return id.includes(PREFIX) ? `\0${PREFIX}${id.slice(id.indexOf(PREFIX) + PREFIX.length)}` : undefined;
    },
    load: (id) => {
      if (!id.startsWith(`\0${PREFIX}`)) return undefined;
      const path = id.slice(PREFIX.length + 1);
      return OWN_MODULES[path] ?? `import main from ${JSON.stringify(path)};\nmain();\n`;
    },
    // Before terser (this plugin runs first), so that terser joins the lets it then finds side by side.
    renderChunk(code) {
      return { code: lettify(code, this.parse(code)), map: null };
    },
  };
  config.plugins = [plugin, ...(config.plugins ?? [])];
}

type AstNode = { type: string; start: number; kind?: string; [key: string]: unknown };

/** `code` with the `const` keyword of every declaration in `program` written `let` (see above). */
export function lettify(code: string, program: unknown): string {
  const starts: number[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ast = node as AstNode;
    if (ast.type === 'VariableDeclaration' && ast.kind === 'const') starts.push(ast.start);
    // (An array's values are its items: statement lists, declarators.)
    for (const value of Object.values(ast)) visit(value);
  };
  visit(program);
  let out = code;
  for (const start of starts.sort((a, b) => b - a)) {
    if (out.startsWith('const', start)) out = `${out.slice(0, start)}let${out.slice(start + 5)}`;
  }
  return out;
}
