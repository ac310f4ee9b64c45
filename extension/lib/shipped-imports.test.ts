import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * What the built extension can contain: everything its entrypoints import, followed file by file (type-only
 * imports are erased by the build, so they are not followed). Test kits and heavyweight modules the extension
 * never runs must not be reachable; the bench (figure 7) shows what that is worth in bytes.
 */
const EXTENSION = resolve(import.meta.dirname, '..');
const SHARED = resolve(EXTENSION, '..', 'shared');
const SHARED_EXPORTS = JSON.parse(readFileSync(join(SHARED, 'package.json'), 'utf8')).exports as Record<string, string>;

/** `@otp-relay/shared/x` → the file shared/package.json "exports" maps it to. */
function sharedFile(specifier: string): string {
  const subpath = `.${specifier.slice('@otp-relay/shared'.length)}`;
  const exact = SHARED_EXPORTS[subpath];
  if (exact) return join(SHARED, exact);
  const pattern = SHARED_EXPORTS['./*'];
  if (!pattern) throw new Error(`shared exports no ${subpath}`);
  return join(SHARED, pattern.replace('*', subpath.slice(2)));
}

function resolveImport(from: string, specifier: string): string | null {
  if (specifier.startsWith('@otp-relay/shared')) return sharedFile(specifier);
  if (!specifier.startsWith('.'))
    return `package:${specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/')}`;
  const path = resolve(dirname(from), specifier);
  return existsSync(path) ? path : null;
}

/** Value imports and re-exports of one source file (`import type` / `export type` are erased). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\s)[^'";]*?from\s+'([^']+)'/gms)].map(
    (m) => m[1] as string,
  );
  const bare = [...source.matchAll(/^import\s+'([^']+)'/gm)].map((m) => m[1] as string);
  return [...specifiers, ...bare];
}

function shippedGraph(
  entrypoints = readdirSync(join(EXTENSION, 'entrypoints'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(EXTENSION, 'entrypoints', file)),
): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file.startsWith('package:')) return;
    for (const specifier of valueImports(file)) {
      const target = resolveImport(file, specifier);
      if (target && !target.endsWith('.css')) visit(target);
    }
  };
  for (const entry of entrypoints) visit(entry);
  return seen;
}

describe('what the extension ships', () => {
  const graph = [...shippedGraph()].map((file) =>
    file.startsWith('package:') ? file : relative(resolve(EXTENSION, '..'), file),
  );

  it('reaches the entrypoints’ own modules (the walk works)', () => {
    expect(graph).toEqual(
      expect.arrayContaining([
        'extension/entrypoints/background.ts',
        'extension/lib/autofill/autofill-document.ts',
        'shared/src/stream-client.ts',
        'package:react-dom',
      ]),
    );
  });

  it.each([
    ['no test kit', (file: string) => file.includes('/testing/') || /\.test\.tsx?$/.test(file)],
    ['no happy-dom', (file: string) => file === 'package:happy-dom'],
    ['no phone-number metadata', (file: string) => file === 'package:libphonenumber-js'],
    ['not the shared barrel (it pulls in every module)', (file: string) => file === 'shared/src/index.ts'],
  ])('%s', (_name, forbidden) => {
    expect(graph.filter(forbidden)).toEqual([]);
  });
});

describe('what each page loads before it runs (static imports; a dynamic import() is a chunk loaded on use)', () => {
  const page = (name: string) => [...shippedGraph([join(EXTENSION, 'entrypoints', name, 'main.tsx')])];

  it.each([
    ['popup', 'package:tldts-icann'],
    ['options', 'package:tldts-icann'],
    ['popup', 'package:@bufbuild/protobuf'],
    ['popup', 'package:otpauth'],
    ['options', 'package:otpauth'],
    ['popup', 'package:jsqr'],
    // The signed session's hashes: loaded by the pairing form on submit, not by every (paired) popup.
    ['popup', 'package:@noble/hashes'],
  ])('the %s does not load %s', (name, module) => {
    expect(page(name)).not.toContain(module);
  });

  it('the background loads the public-suffix list and otpauth (the walk finds them)', () => {
    const background = [...shippedGraph([join(EXTENSION, 'entrypoints', 'background.ts')])];
    expect(background).toEqual(expect.arrayContaining(['package:tldts-icann', 'package:otpauth']));
    expect(page('popup')).toEqual(expect.arrayContaining(['package:react-dom', 'package:zod']));
  });
});
