import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

export interface PageAsset {
  type: string;
  body: string;
}

const ASSETS_DIR = new URL('./assets/', import.meta.url);
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

/**
 * The pages' styles and scripts. The scripts are typed modules (assets/*.ts, their tests beside them) served
 * as plain ES modules under the same names with `.js`: `assets/flow-page.ts` → `/assets/flow-page.js`. Each is
 * compiled by esbuild (already the relay's TypeScript runner, through tsx) on first request and kept for the
 * process, so `npm start` on a fresh clone needs no build step, and the strict CSP (`script-src 'self'`) holds.
 */
export function createPageAssets() {
  const served = new Map<string, { file: string; type: string }>();
  for (const file of readdirSync(ASSETS_DIR)) {
    if (file.endsWith('.css')) served.set(file, { file, type: CSS });
    else if (/^[a-z0-9-]+\.ts$/.test(file) && !file.endsWith('.test.ts')) {
      served.set(file.replace(/\.ts$/, '.js'), { file, type: JS });
    }
  }
  return {
    /** The asset served as `name`, or undefined: only the files above, never a test, a source or a path. */
    async get(name: string): Promise<PageAsset | undefined> {
      const asset = served.get(name);
      return asset && { type: asset.type, body: await load(asset.file) };
    },
    names: (): string[] => [...served.keys()].sort(),
  };
}

/** Module-wide: the sources do not change while the relay runs, and every relay in a process serves the same. */
const loaded = new Map<string, Promise<string>>();

function load(file: string): Promise<string> {
  let body = loaded.get(file);
  if (!body) {
    body = file.endsWith('.css') ? readFile(new URL(file, ASSETS_DIR), 'utf8') : compile(file);
    // A failure is not kept: the next request tries again (and reports the error again).
    body.catch(() => loaded.delete(file));
    loaded.set(file, body);
  }
  return body;
}

async function compile(file: string): Promise<string> {
  // Loaded on the first page-script request, not at relay start: most relays (tests, CI) never serve one.
  const { build } = await import('esbuild');
  const output = await build({
    entryPoints: [fileURLToPath(new URL(file, ASSETS_DIR))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'silent',
    plugins: [siblingsOnly],
  });
  return output.outputFiles[0]?.text ?? '';
}

/**
 * A page module may import its siblings only, each loaded by the browser as its own module (`./x.ts` becomes
 * `./x.js`). Anything else (server code, a package) would be bundled into a browser script by mistake, so it
 * fails the compile. Type-only imports are erased before this runs: pages may share the server's types.
 */
const siblingsOnly: Plugin = {
  name: 'siblings-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const sibling = /^\.\/([a-z0-9-]+)\.ts$/.exec(args.path);
      if (sibling) return { path: `./${sibling[1]}.js`, external: true };
      return { errors: [{ text: `page modules may import only their siblings (./name.ts), not "${args.path}"` }] };
    });
  },
};
