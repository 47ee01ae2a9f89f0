/**
 * The real entry point (`server/index.ts`) in a child process, for crash tests: boot it on a
 * database and a port, kill it with SIGKILL, boot it again on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

/** One server process at a time: `boot` starts it (resolves with its URL), `kill` SIGKILLs it, `stop` ends it if still running. */
export function serverProcess(opts: { uri: string; port: number }) {
  let child: ChildProcess | null = null;
  const running = () => !!child && child.exitCode === null && child.signalCode === null;
  const kill = (): Promise<void> => {
    const proc = child;
    if (!proc || !running()) return Promise.resolve();
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };
  return {
    boot(): Promise<string> {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        env: { ...process.env, MONGODB_URI: opts.uri, PORT: String(opts.port), SEED: 'off', LOG_LEVEL: 'warn', CLIENT_DIST: '/nonexistent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let out = '';
      return new Promise((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          out += chunk.toString();
          const m = /running at (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        };
        proc.stdout!.on('data', onData);
        proc.stderr!.on('data', onData);
        proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
    },
    kill,
    stop: kill,
  };
}
