/**
 * The embedded database: FerretDB v1 (a MongoDB wire-protocol server) on its SQLite backend.
 * It is built once from its Go module with the machine's Go into `.tools/` (git-ignored) and
 * started as a child process on a free loopback port, with telemetry off, so the same
 * Mongoose code that runs on MongoDB runs here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the built binary lives unless FERRETDB_BIN says otherwise. */
export const DEFAULT_FERRETDB_BIN = path.join(ROOT, '.tools', `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');

export class EmbeddedDatabaseError extends Error {}

type Log = (msg: string) => void;

function goVersion(): string | null {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new EmbeddedDatabaseError(`${cmd} ${args.join(' ')} failed:\n${r.stderr || r.error?.message}`);
  }
  return r.stdout;
}

/**
 * Builds FerretDB at the pinned version unless the binary is already there. `go install` of the
 * module panics at run time because its generated version file is absent from the module, so
 * this copies the downloaded module source, writes `build/version/version.txt` and builds it.
 */
export function ensureFerretdbBinary(binary = DEFAULT_FERRETDB_BIN, log: Log = () => {}): string {
  if (fs.existsSync(binary)) return binary;
  if (!goVersion()) {
    throw new EmbeddedDatabaseError(
      'No database: MONGODB_URI is not set and Go is not installed, so the embedded FerretDB cannot be built.\n' +
        'Either install Go ≥ 1.24 (e.g. `apt-get install golang` or https://go.dev/dl) and start again,\n' +
        'or set MONGODB_URI=mongodb://host:27017/yinzhi to use a MongoDB server.',
    );
  }
  log(`building FerretDB ${FERRETDB_VERSION} with ${goVersion()} (once; takes about a minute)`);
  const info = JSON.parse(run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], ROOT)) as {
    Dir?: string;
  };
  if (!info.Dir) throw new EmbeddedDatabaseError('go mod download did not report the module directory');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-src-'));
  try {
    fs.cpSync(info.Dir, work, { recursive: true });
    makeWritable(work);
    fs.writeFileSync(path.join(work, 'build/version/version.txt'), `${FERRETDB_VERSION}\n`);
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    const tmp = `${binary}.${process.pid}.tmp`;
    run('go', ['build', '-trimpath', '-o', tmp, './cmd/ferretdb'], work);
    fs.renameSync(tmp, binary); // atomic: a concurrent builder never sees half a file
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  log(`FerretDB built at ${binary}`);
  return binary;
}

function makeWritable(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    fs.chmodSync(p, entry.isDirectory() ? 0o755 : 0o644);
    if (entry.isDirectory()) makeWritable(p);
  }
  fs.chmodSync(dir, 0o755);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

export interface EmbeddedDatabase {
  /** Connection string without a database name, e.g. mongodb://127.0.0.1:40123/ */
  uri: string;
  port: number;
  /** FerretDB's own process id (0 until it has started). */
  pid(): number;
  stop(): Promise<void>;
}

/** Starts FerretDB on a free port with its SQLite files under `dataDir`; resolves once it accepts connections. */
export async function startFerretdb(opts: { binary: string; dataDir: string; log?: Log }): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  fs.mkdirSync(path.join(opts.dataDir, 'state'), { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await spawnOn(port, opts.binary, opts.dataDir, log);
    } catch (err) {
      lastError = err; // most likely the port was taken between probe and bind: try another
    }
  }
  throw lastError;
}

/**
 * FerretDB runs under a small sh guard that holds a pipe from us on its stdin: when this process
 * ends in any way — even SIGKILL or a crash, where no shutdown code runs — the pipe closes and the
 * guard stops FerretDB. Without it an orphaned FerretDB would keep the SQLite files and the next
 * start would run a second server on the same files. Closing the pipe is also the clean stop.
 */
const GUARD = 'db="$1"; shift; "$db" "$@" <&- & p=$!; echo "ferretdb-pid:$p" >&2; read _ ; kill "$p" 2>/dev/null; wait "$p"';

async function spawnOn(port: number, binary: string, dataDir: string, log: Log): Promise<EmbeddedDatabase> {
  const child: ChildProcess = spawn(
    '/bin/sh',
    [
      '-c',
      GUARD,
      'ferretdb-guard',
      binary,
      '--handler=sqlite',
      `--sqlite-url=file:${path.resolve(dataDir)}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${path.join(path.resolve(dataDir), 'state')}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
      '--log-format=json',
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderrTail = '';
  let serverPid = 0;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    serverPid ||= Number(/ferretdb-pid:(\d+)/.exec(stderrTail)?.[1] ?? 0);
  });
  const forceKill = () => {
    child.kill('SIGKILL');
    if (serverPid) {
      try {
        process.kill(serverPid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const deadline = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (exited) throw new EmbeddedDatabaseError(`FerretDB exited while starting:\n${stderrTail}`);
    if (Date.now() > deadline) {
      forceKill();
      throw new EmbeddedDatabaseError(`FerretDB did not start within 30 s:\n${stderrTail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  log(`FerretDB ${FERRETDB_VERSION} listening on 127.0.0.1:${port} (data in ${dataDir})`);
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    pid: () => serverPid,
    async stop() {
      if (exited) return;
      child.stdin?.end(); // the guard stops FerretDB (SIGTERM) and waits for it
      const timer = setTimeout(forceKill, 5000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
