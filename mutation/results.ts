import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { MutantResult, MutantStatus } from '@stryker-mutator/api/core';
import type { MutationModule } from './modules.ts';

/**
 * One mutant as docs/mutation.md needs it. Stryker's own results (mutation/.reports/, git-ignored) carry the
 * tests, the source and the incremental state; these slim ones are committed, so that the report of a module
 * survives a clone and redoing one module does not drop the rows of the others.
 */
export interface SlimMutant {
  status: MutantStatus;
  file: string;
  line: number;
  mutator: string;
  /** Whitespace folded, cut at 80 characters: what the report shows. */
  replacement: string;
}

export interface ModuleResult {
  module: string;
  /** The day it was measured, YYYY-MM-DD. */
  date: string;
  run: 'full' | 'incremental';
  minutes?: number;
  /**
   * SHA-256 of each mutated file's content when it was measured: a later `--survivors` run may reuse the
   * other mutants' status only while these still match.
   */
  sources?: Record<string, string>;
  /** Set by `--survivors`: the measurement whose survivors were run again, the rest kept from it. */
  rerunOf?: string;
  /** Set when the file was not written by a run but rebuilt from an earlier docs/mutation.md. */
  seeded?: string;
  /**
   * Detected mutants counted without their location (only in seeded results: the report they were rebuilt
   * from listed survivors, not the mutants the tests killed).
   */
  detectedUnlisted?: number;
  mutants: SlimMutant[];
}

export const resultFile = (module: MutationModule) =>
  `mutation/results/${module.name.replaceAll(/[^a-z0-9]+/gi, '-')}.json`;

export function slim(result: MutantResult, fileName: string): SlimMutant {
  return {
    status: result.status,
    file: fileName,
    line: result.location.start.line,
    mutator: result.mutatorName,
    replacement: foldReplacement(result.replacement ?? ''),
  };
}

/** The replacement as results keep it. */
export const foldReplacement = (replacement: string) => replacement.replace(/\s+/g, ' ').slice(0, 80);

export const isUndetected = (mutant: SlimMutant) => mutant.status === 'Survived' || mutant.status === 'NoCoverage';

/** The same mutant in two results of unchanged source: same place, mutator and replacement. */
export const sameMutant = (a: SlimMutant, b: SlimMutant) =>
  a.file === b.file && a.line === b.line && a.mutator === b.mutator && a.replacement === b.replacement;

export function readResult(module: MutationModule): ModuleResult | undefined {
  const file = resultFile(module);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ModuleResult) : undefined;
}

/** Sorted by place (Stryker's order within a line), so that a rerun's diff shows which mutants changed fate. */
export function writeResult(module: MutationModule, result: ModuleResult): void {
  mkdirSync('mutation/results', { recursive: true });
  const mutants = result.mutants.toSorted((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  writeFileSync(resultFile(module), `${JSON.stringify({ ...result, mutants }, null, 2)}\n`);
}
