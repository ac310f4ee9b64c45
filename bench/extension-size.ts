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
 * The last commit before issue 8 gave shared/ its entry points: there the background's shared chunk carried
 * libphonenumber's metadata (≈ 190 kB) that the extension never ran. Built again in every run, from the same
 * node_modules, so both columns come from the same toolchain.
 */
const BASELINE_COMMIT = '569c7c8';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What one build ships: every file, and for each entry the bytes Chrome loads to run it (its import closure). */
interface BuildSize {
  total: number;
  entries: Record<string, number>;
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

function closureBytes(buildDir: string, entry: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const ref of references(buildDir, file)) visit(ref);
  };
  visit(entry);
  return [...seen].reduce((sum, file) => sum + statSync(join(buildDir, file)).size, 0);
}

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
  for (const [name, file] of Object.entries(entries)) if (file) sizes[name] = closureBytes(buildDir, file);
  const total = allFiles(buildDir).reduce((sum, file) => sum + statSync(file).size, 0);
  return { total, entries: sizes };
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
  const baseline = buildCommit(BASELINE_COMMIT);
  let before: BuildSize;
  try {
    before = measureBuild(baseline.buildDir);
  } finally {
    baseline.cleanup();
  }
  log(`  total ${bytes(after.total)}, was ${bytes(before.total)} at ${BASELINE_COMMIT}`);
  const row = (metric: string, now: number, then: number): Row => ({
    metric,
    value: `${bytes(now)} (was ${bytes(then)} at ${BASELINE_COMMIT})`,
    ratio: ratio(now, then, `the ${BASELINE_COMMIT} build`),
  });
  const rows: Row[] = [row('extension total, every shipped file', after.total, before.total)];
  for (const [name, size] of Object.entries(after.entries))
    rows.push(
      row(`${name}: bytes loaded to run it (entry + imported chunks)`, size, before.entries[name] ?? Number.NaN),
    );
  return {
    id: 7,
    title: 'Extension size',
    rows,
    method: [
      `Sizes of extension/.output/chrome-mv3 (minified, uncompressed: what Chrome reads from disk and parses) against a build of ${BASELINE_COMMIT} made in the same run from the same node_modules. An entry's size is its file plus every chunk and stylesheet it imports, followed through the built import statements and the page's script and link tags; shared chunks count in each entry that loads them.`,
    ],
    findings: [
      `Before, the chunk shared by the background, popup and options pages carried libphonenumber-js with its full metadata: shared/src/verification.ts held CreateVerificationRequestSchema, whose phone check the bundler must keep because a zod schema built at module top level may have side effects. That schema now lives in shared/src/create-verification-request.ts and the extension imports shared's modules by subpath (@otp-relay/shared/stream-client, /message, …), never the barrel, so none of it ships. What is left of the shared chunk is mostly zod itself (≈ 85 kB); zod/mini would shrink it further at the cost of rewriting every schema.`,
      'Issue 9 then added the public-suffix list for the fill rules of site-bound codes (extension/lib/registrable-domain.ts, tldts-icann: the ICANN section the relay binds sites with): its trie is ≈ 155 kB minified in this bundler and ships in the chunk the background and the popup share, which takes back most of what dropping libphonenumber saved. The options page, which needs neither, keeps the saving. Leaner next steps: let only the background hold the list (the popup asks it whether a code fits the tab), or have the relay answer "which site is this host" so the extension needs no list at all.',
    ],
  };
};
