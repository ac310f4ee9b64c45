/**
 * `npm run mutate -- --survivors [name …]`: run again only the mutants a module's kept result left undetected
 * (after tests were added for them), or whose run errored, and keep every other mutant's status from that result. Sound only while
 * the mutated files are exactly as they were measured, so it refuses otherwise: the other mutants' killing
 * tests still exist, but a changed line would be a different mutant.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Logger } from '@stryker-mutator/api/logging';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { MutationModule } from './modules.ts';
import {
  foldReplacement,
  isUndetected,
  type ModuleResult,
  resultFile,
  type SlimMutant,
  sameMutant,
} from './results.ts';

/** SHA-256 of each file's content, kept in each result (`sources`). */
export function sourcesOf(files: readonly string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [file, createHash('sha256').update(readFileSync(file)).digest('hex')]));
}

/** What a survivors run runs again: mutants left undetected, and those whose test run crashed (not scored). */
const toRerun = (mutant: SlimMutant) => isUndetected(mutant) || mutant.status === 'RuntimeError';

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();

/** Why the kept result no longer describes the module's files, or null when it does. */
export function staleness(module: MutationModule, kept: ModuleResult): string | null {
  if (kept.seeded !== undefined) return `its result was rebuilt from a report (${kept.seeded}), not measured`;
  if (kept.sources !== undefined) {
    const now = sourcesOf(module.files);
    const changed = module.files.filter((file) => kept.sources?.[file] !== now[file]);
    return changed.length === 0 ? null : `changed since it was measured: ${changed.join(', ')}`;
  }
  // A result from before the hashes were kept: the files must be as in the commit that wrote it, which
  // measured them; `git diff` against it also sees uncommitted edits.
  const unmeasured = module.files.filter((file) => !kept.mutants.some((mutant) => mutant.file === file));
  if (unmeasured.length > 0) return `its result has no mutant of ${unmeasured.join(', ')}`;
  const commit = git('log', '-1', '--format=%H', '--', resultFile(module));
  if (commit === '') return 'its result was never committed and keeps no hash of what it measured';
  const changed = git('diff', '--name-only', commit, '--', ...module.files);
  return changed === ''
    ? null
    : `changed since ${commit.slice(0, 7)}, which measured it: ${changed.replaceAll('\n', ', ')}`;
}

const quiet = (): Logger => {
  const no = () => false;
  const skip = () => {};
  return {
    isTraceEnabled: no,
    isDebugEnabled: no,
    isInfoEnabled: no,
    isWarnEnabled: no,
    isErrorEnabled: no,
    isFatalEnabled: no,
    trace: skip,
    debug: skip,
    info: skip,
    warn: skip,
    error: skip,
    fatal: skip,
  };
};

/**
 * Stryker `mutate` line ranges (`file:start-end`) holding each survivor whole: Stryker makes only the mutants
 * that lie entirely inside a range, and a kept result knows a mutant's first line only, so Stryker's own
 * instrumenter (the one the run uses, no tests) finds where each survivor ends (a removed block spans lines).
 */
export async function survivorRanges(module: MutationModule, kept: ModuleResult): Promise<string[]> {
  const { mutants } = await new Instrumenter(quiet()).instrument(
    module.files.map((file) => ({ name: resolve(file), content: readFileSync(file, 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] },
  );
  const ranges = new Set<string>();
  for (const survivor of kept.mutants.filter(toRerun)) {
    const ends = mutants
      .filter(
        (mutant) =>
          relative(process.cwd(), mutant.fileName) === survivor.file &&
          mutant.location.start.line + 1 === survivor.line &&
          mutant.mutatorName === survivor.mutator &&
          foldReplacement(mutant.replacement) === survivor.replacement,
      )
      .map((mutant) => mutant.location.end.line + 1);
    if (ends.length === 0) {
      throw new Error(`no mutant ${survivor.file}:${survivor.line} ${survivor.mutator} in the source now`);
    }
    ranges.add(`${survivor.file}:${survivor.line}-${Math.max(...ends)}`);
  }
  return [...ranges];
}

/**
 * The kept mutants with those run again put in their place (the ranges also hold mutants that were detected
 * before: they are run again too). Refuses if a survivor was not run again or the run made a mutant the
 * kept result does not have: then the source is not what was measured.
 */
export function mergeRerun(kept: SlimMutant[], rerun: SlimMutant[]): SlimMutant[] {
  const pool = [...rerun];
  const merged = kept.map((mutant) => {
    const index = pool.findIndex((fresh) => sameMutant(fresh, mutant));
    if (index === -1) {
      if (toRerun(mutant)) {
        throw new Error(`survivor ${mutant.file}:${mutant.line} ${mutant.mutator} was not run again`);
      }
      return mutant;
    }
    return pool.splice(index, 1)[0] ?? mutant;
  });
  if (pool.length > 0) {
    const [first] = pool;
    throw new Error(`${pool.length} mutants the kept result does not have, e.g. ${first?.file}:${first?.line}`);
  }
  return merged;
}
