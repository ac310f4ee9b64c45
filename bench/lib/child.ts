import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** A bench helper process (servers or a heap under test), driven by request/reply over IPC. */
export interface Child {
  call<T = unknown>(command: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Forks `entry` under tsx. Servers live in their own process so the load generator (autocannon, 1,000 stream
 * clients, 1,000 long polls) never shares their event loop: on a 2-core box each side gets a core.
 */
export function startChild(entry: URL, nodeArgs: string[] = []): Child {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every bench child: how "what dominates" was found.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = fork(fileURLToPath(entry), [], {
    execArgv: ['--import', import.meta.resolve('tsx'), ...profile, ...nodeArgs],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let next = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(reply.error));
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`bench child exited (${code ?? signal})`));
    pending.clear();
  });
  return {
    call<T>(command: string, args?: unknown): Promise<T> {
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, command, args });
      });
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

type Handler = (args: never) => unknown;

/** The child side: answers each command with its handler's (awaited) result. */
export function serveCommands(handlers: Record<string, Handler>): void {
  process.on('message', async (request: { id: number; command: string; args: never }) => {
    const handler = handlers[request.command];
    try {
      if (!handler) throw new Error(`unknown command ${request.command}`);
      const result = await handler(request.args);
      process.send?.({ id: request.id, ok: true, result } satisfies Reply);
    } catch (error) {
      process.send?.({ id: request.id, ok: false, error: String((error as Error)?.stack ?? error) } satisfies Reply);
    }
  });
  process.on('SIGTERM', () => process.exit(0));
  // The bench process died or was stopped: servers under test must not outlive it.
  process.on('disconnect', () => process.exit(0));
}
