import { fork, type ChildProcess } from 'node:child_process';

/** A benchmark server in its own process, so its heap and CPU are measured apart from the clients. */
export interface BenchChild {
  proc: ChildProcess;
  ready: Record<string, string>;
  heap(): Promise<number>;
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

export async function startChild(script: string, env: Record<string, string> = {}): Promise<BenchChild> {
  const proc = fork(script, [], { execArgv: ['--expose-gc', '--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as Record<string, string>));
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const ask = (type: string) =>
    new Promise<number>((resolve) => {
      proc.once('message', (m) => resolve((m as { value: number }).value));
      proc.send({ type });
    });
  return {
    proc,
    ready,
    heap: () => ask('heap'),
    cpu: () => ask('cpu'),
    async stop() {
      proc.send({ type: 'stop' });
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/** In the child: answer heap (after a full GC) and CPU-time requests from the parent. */
export function serveMetrics(onStop: () => Promise<void>): void {
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'heap') {
      for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ value: process.memoryUsage().heapUsed });
    } else if (m.type === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ value: (u.user + u.system) / 1000 });
    } else if (m.type === 'stop') {
      await onStop();
      process.exit(0);
    }
  });
}
