import type { Explained } from './explained.ts';
import type { MutationModule } from './modules.ts';
import type { ModuleResult, SlimMutant } from './results.ts';

export interface Score {
  detected: number;
  undetected: number;
  percent: number;
}

/**
 * Stryker's own "mutation score": killed + timeout over those plus survived and uncovered. `detectedUnlisted`
 * counts detected mutants of a seeded result, whose locations were not kept.
 */
export function scoreOf(mutants: SlimMutant[], detectedUnlisted = 0): Score {
  let detected = detectedUnlisted;
  let undetected = 0;
  for (const { status } of mutants) {
    if (status === 'Killed' || status === 'Timeout') detected += 1;
    else if (status === 'Survived' || status === 'NoCoverage') undetected += 1;
  }
  const total = detected + undetected;
  return { detected, undetected, percent: total === 0 ? 100 : (100 * detected) / total };
}

export function renderReport(
  scored: { module: MutationModule; result: ModuleResult }[],
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
    `results of unchanged mutants whose killing tests still exist were reused from the previous one (incremental;`,
    `with \`--survivors\`, only the previous survivors ran again, refused unless the module's files are unchanged).`,
    'A module whose files the whole relay imports names its own tests (modules.ts `tests`, "named tests" below): its',
    "score is what those tests catch, a lower bound of the whole suite's. The others run every test importing their files.",
    `${scored.length} of ${run.total} modules measured so far.`,
    '',
    '| module | promise | measured | run | detected | survived | score |',
    '|---|---|---|---|---:|---:|---:|',
  ];
  for (const { module, result } of scored) {
    const score = scoreOf(result.mutants, result.detectedUnlisted);
    const mark = score.percent >= run.goal ? '' : ' (below goal)';
    out.push(
      `| ${module.name} | ${module.promise} | ${result.date} | ${result.run}${module.tests ? ', named tests' : ''} | ${score.detected} | ${score.undetected} | ${score.percent.toFixed(1)} %${mark} |`,
    );
  }
  for (const { module, result } of scored) {
    const survivors = result.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
    if (survivors.length === 0) continue;
    out.push('', `## ${module.name}: survivors`, '');
    for (const mutant of survivors.toSorted((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      const why = explained.find(
        (e) => e.file === mutant.file && e.line === mutant.line && e.mutator === mutant.mutator,
      );
      const replacement = mutant.replacement.replace(/\s+/g, ' ').slice(0, 80);
      out.push(
        `- \`${mutant.file}:${mutant.line}\` ${mutant.mutator} → \`${replacement.replaceAll('`', "'")}\`` +
          `${mutant.status === 'NoCoverage' ? ' (no test covers it)' : ''}: ${why?.why ?? 'UNEXPLAINED'}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
