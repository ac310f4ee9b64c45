import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_PATH } from '../test/harness/browser.ts';
import { waitForExtensionBuild } from './lib/extension-build.ts';
import type { FigureRunner, Row } from './lib/figure.ts';
import { bytes, ratio } from './lib/stats.ts';

/**
 * Builds the extension is compared with, each built again in every run from the same node_modules, so all
 * columns come from the same toolchain. The first is the one the ratio is against.
 * - 4c381bc: the last commit before the lean-bundle pass: the public-suffix list, every RelayClient endpoint
 *   with its schemas and the stream client were in the chunk all three pages load, otpauth and protobuf in the
 *   popup's load, @wxt-dev/storage in the worker's.
 * - 569c7c8: the last commit before issue 8 gave shared/ its entry points: libphonenumber's metadata was in it.
 */
const BASELINES = ['4c381bc', '569c7c8'] as const;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * What one build ships: every file, for each entry the bytes Chrome loads to run it (its import closure), and
 * the chunks no entry loads up front (dynamic import(): loaded the first time a page uses them).
 */
interface BuildSize {
  total: number;
  entries: Record<string, number>;
  onUse: number;
}

/** Static imports of a built module and the scripts/styles of a built page, as paths from the build root. */
function references(buildDir: string, file: string): string[] {
  const text = readFileSync(join(buildDir, file), 'utf8');
  const found = file.endsWith('.html')
    ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string)
    : [...text.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)].map((m) => m[1] as string);
  return found.map((ref) =>
    ref.startsWith('/') ? ref.slice(1) : posix.normalize(posix.join(posix.dirname(file), ref)),
  );
}

function closure(buildDir: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const ref of references(buildDir, file)) visit(ref);
  };
  visit(entry);
  return seen;
}

const sizeOf = (buildDir: string, files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + statSync(join(buildDir, file)).size, 0);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export function measureBuild(buildDir: string): BuildSize {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
    action?: { default_popup?: string };
    options_ui?: { page?: string };
  };
  const entries: Record<string, string | undefined> = {
    background: manifest.background?.service_worker,
    popup: manifest.action?.default_popup,
    options: manifest.options_ui?.page,
    // Unlisted: injected by the background into a tab that has a code (extension/lib/content-bridge.ts).
    autofill: 'autofill.js',
  };
  const sizes: Record<string, number> = {};
  const loaded = new Set<string>();
  for (const [name, file] of Object.entries(entries)) {
    if (!file) continue;
    const files = closure(buildDir, file);
    sizes[name] = sizeOf(buildDir, files);
    for (const f of files) loaded.add(f);
  }
  const chunks = readdirSync(join(buildDir, 'chunks')).filter((name) => name.endsWith('.js'));
  const onUse = chunks.map((name) => `chunks/${name}`).filter((file) => !loaded.has(file));
  const total = allFiles(buildDir).reduce((sum, file) => sum + statSync(file).size, 0);
  return { total, entries: sizes, onUse: sizeOf(buildDir, onUse) };
}

/**
 * Builds the extension of `commit` in a temp folder: `git archive` of the workspaces it needs, and a
 * node_modules of links to ours, except @otp-relay/* which must point at that commit's own packages.
 */
function buildCommit(commit: string): { buildDir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'otp-relay-size-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const archive = execFileSync(
      'git',
      ['archive', commit, 'package.json', 'tsconfig.base.json', 'shared', 'extension'],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, '@otp-relay'), { recursive: true });
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name === '@otp-relay') continue;
      symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
    }
    for (const workspace of ['shared', 'extension'])
      symlinkSync(join('..', '..', workspace), join(modules, '@otp-relay', workspace));
    const wxt = join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs');
    execFileSync(process.execPath, [wxt, 'build'], { cwd: join(dir, 'extension'), stdio: 'ignore', timeout: 120_000 });
    const buildDir = join(dir, 'extension', '.output', 'chrome-mv3');
    if (!existsSync(join(buildDir, 'manifest.json'))) throw new Error(`no build of ${commit}`);
    return { buildDir, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

export const extensionSize: FigureRunner = async ({ log }) => {
  await waitForExtensionBuild();
  const after = measureBuild(EXTENSION_PATH);
  const before = BASELINES.map((commit) => {
    const baseline = buildCommit(commit);
    try {
      return { commit, size: measureBuild(baseline.buildDir) };
    } finally {
      baseline.cleanup();
    }
  });
  const [first] = before;
  if (!first) throw new Error('no baseline');
  log(`  total ${bytes(after.total)}, ${before.map((b) => `was ${bytes(b.size.total)} at ${b.commit}`).join(', ')}`);
  const row = (metric: string, now: number, then: (size: BuildSize) => number | undefined): Row => ({
    metric,
    value: `${bytes(now)} (was ${before.map((b) => `${bytes(then(b.size) ?? Number.NaN)} at ${b.commit}`).join('; ')})`,
    ratio: ratio(now, then(first.size) ?? Number.NaN, `the ${first.commit} build`),
  });
  const rows: Row[] = [row('extension total, every shipped file', after.total, (size) => size.total)];
  for (const [name, size] of Object.entries(after.entries))
    rows.push(row(`${name}: bytes loaded to run it (entry + imported chunks)`, size, (then) => then.entries[name]));
  rows.push(
    row(
      'chunks no page loads up front (import() on first use: the QR decoder, adding entries, pairing)',
      after.onUse,
      (then) => then.onUse,
    ),
  );
  return {
    id: 7,
    title: 'Extension size',
    rows,
    method: [
      `Sizes of extension/.output/chrome-mv3 (minified, uncompressed: what Chrome reads from disk and parses) against builds of ${BASELINES.join(' and ')} made in the same run from the same node_modules. An entry's size is its file plus every chunk and stylesheet it imports, followed through the built import statements and the page's script and link tags; shared chunks count in each entry that loads them. A chunk reached only by import() is loaded the first time it is used and counts in no entry.`,
    ],
    findings: [
      'At 569c7c8 the chunk shared by the background, popup and options pages carried libphonenumber-js with its full metadata (a zod schema with a phone check in shared/src/verification.ts, kept because a schema built at module top level may have side effects); issue 8 moved it to shared/src/create-verification-request.ts and the extension imports shared by subpath, never the barrel, so none of it ships.',
      "At 4c381bc (bundle traced back to modules through sourcemaps) the chunk all three pages loaded was 310 kB: the public-suffix list (tldts-icann + tldts-core, 176 kB: the fill rules, the vault's site parser and the add form each imported it), zod (91 kB), @noble/hashes (7 kB), RelayClient with every endpoint of the API (5 kB) and the schemas only those endpoints use (TOTP devices, chaos and clock, phones, the stream client: 9 kB). Beside it react-dom with react (218 kB, popup and options), otpauth (27 kB, background and popup), protobuf with the add form (18 kB in the popup) and @wxt-dev/storage (7 kB in the worker, pulled in by an auto-import that took a parameter named `storage` for WXT's helper).",
      "Now the public-suffix list is in background.js alone: the popup and options page ask the worker for the one site they need (runtime message otp-relay/site-of). The extension calls the relay through RelayHttp and the endpoint functions it uses (shared/src/relay-http.ts, messages-api.ts, phones-api.ts), so the stream client is the worker's and the other endpoints stay out; the popup loads its add form (protobuf, the otpauth and migration parsers, the QR scan) on the first Add, otpauth once an unlocked authenticator has codes to show, and the pairing call (RelayHttp with @noble/hashes) when its pairing form is submitted. The service worker keeps otpauth up front: a service worker may not import().",
      "The total drops only by what no page ran anywhere (the endpoints and schemas, @wxt-dev/storage: ≈ 12 KiB), less ≈ 3 kB of imports and exports between the extra chunks, and by the autofill scripts' own changes since 4c381bc (figure 9); moving the list to the worker saves no bytes on disk, but 176 kB the popup parsed on every open. Left in every page: zod (91 kB, of which ≈ 17 kB is JSON Schema conversion that never runs but that classic zod schemas reference from every type; zod/mini would drop it at the cost of rewriting every schema) and, in the popup and options page, react-dom (207 kB).",
    ],
  };
};
