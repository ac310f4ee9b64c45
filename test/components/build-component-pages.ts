import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

/** The component pages under pages/ (every file there except the shared helpers). */
export const PAGES_DIR = join(import.meta.dirname, 'pages');
const HELPERS = new Set(['page-state.ts', 'react-page.tsx']);

export function componentPageNames(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((file) => /\.tsx?$/.test(file) && !HELPERS.has(file))
    .map((file) => file.replace(/\.tsx?$/, ''));
}

/**
 * Bundles every component page once per test run, with esbuild (already installed through vite and wxt):
 * the real packages from node_modules, production React/Vue, CSS beside each bundle. Vitest runs this as
 * the e2e project's globalSetup and hands the folder to the test files with `inject('componentPagesDir')`.
 */
export async function buildComponentPages(outdir: string): Promise<void> {
  await build({
    entryPoints: componentPageNames().map((name) =>
      join(PAGES_DIR, readdirSync(PAGES_DIR).find((f) => f.startsWith(`${name}.`)) ?? ''),
    ),
    outdir,
    bundle: true,
    format: 'iife',
    target: 'chrome116',
    jsx: 'automatic',
    minify: true,
    logLevel: 'error',
    define: {
      'process.env.NODE_ENV': '"production"',
      'process.env': '{}',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    loader: {
      '.woff': 'empty',
      '.woff2': 'empty',
      '.ttf': 'empty',
      '.eot': 'empty',
      '.svg': 'dataurl',
      '.png': 'dataurl',
    },
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    componentPagesDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const outdir = mkdtempSync(join(tmpdir(), 'otp-relay-component-pages-'));
  await buildComponentPages(outdir);
  project.provide('componentPagesDir', outdir);
  return () => rmSync(outdir, { recursive: true, force: true });
}
