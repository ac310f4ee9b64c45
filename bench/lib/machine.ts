import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
  date: string;
  loadAverage: string;
  /** The commit measured, and which product paths had uncommitted changes at the time. */
  code: string;
}

export function describeMachine(): Machine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverage: currentLoad(),
    code: describeCode(),
  };
}

function describeCode(): string {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trimEnd();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'relay', 'extension', 'shared')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return dirty.length === 0 ? commit : `${commit} + uncommitted changes in ${dirty.join(', ')}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export const currentLoad = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
