import type { MutantResult } from '@stryker-mutator/api/core';
import type { Explained } from './explained.ts';
import type { MutationModule } from './modules.ts';

export interface Score {
  detected: number;
  undetected: number;
  percent: number;
}

/** Stryker's own "mutation score": killed + timeout over those plus survived and uncovered. */
export function scoreOf(mutants: MutantResult[]): Score {
  let detected = 0;
  let undetected = 0;
  for (const { status } of mutants) {
    if (status === 'Killed' || status === 'Timeout') detected += 1;
    else if (status === 'Survived' || status === 'NoCoverage') undetected += 1;
  }
  const total = detected + undetected;
  return { detected, undetected, percent: total === 0 ? 100 : (100 * detected) / total };
}

const line = (mutant: MutantResult) => mutant.location.start.line;

export function renderReport(
  scored: { module: MutationModule; mutants: MutantResult[]; date: string; run: 'full' | 'incremental' }[],
  explained: Explained[],
  run: { goal: number; total: number },
): string {
  const out: string[] = [
    '# Mutation testing',
    '',
    `\`npm run mutate\` (StrykerJS, vitest runner, per-test coverage, static mutants ignored) over the modules`,
    `whose tests must catch real bugs (mutation/modules.ts); \`npm run mutate -- <name>\` redoes one module. Goal: at`,
    `least ${run.goal} % detected in each. Every survivor is listed with why it is harmless, or UNEXPLAINED.`,
    `"run" says whether every mutant ran in that measurement (full: \`--force\`, or the module's first run) or`,
    `results of unchanged mutants whose killing tests still exist were reused from the previous one (incremental).`,
    `${scored.length} of ${run.total} modules measured so far.`,
    '',
    '| module | promise | measured | run | detected | survived | score |',
    '|---|---|---|---|---:|---:|---:|',
  ];
  for (const { module, mutants, date, run: kind } of scored) {
    const score = scoreOf(mutants);
    const mark = score.percent >= run.goal ? '' : ' (below goal)';
    out.push(
      `| ${module.name} | ${module.promise} | ${date} | ${kind} | ${score.detected} | ${score.undetected} | ${score.percent.toFixed(1)} %${mark} |`,
    );
  }
  for (const { module, mutants } of scored) {
    const survivors = mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
    if (survivors.length === 0) continue;
    out.push('', `## ${module.name}: survivors`, '');
    for (const mutant of survivors.toSorted((a, b) => a.fileName.localeCompare(b.fileName) || line(a) - line(b))) {
      const why = explained.find(
        (e) => e.file === mutant.fileName && e.line === line(mutant) && e.mutator === mutant.mutatorName,
      );
      const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
      out.push(
        `- \`${mutant.fileName}:${line(mutant)}\` ${mutant.mutatorName} → \`${replacement.replaceAll('`', "'")}\`` +
          `${mutant.status === 'NoCoverage' ? ' (no test covers it)' : ''}: ${why?.why ?? 'UNEXPLAINED'}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
