/**
 * Timing hooks for the chat profile, installed in the benchmark's server child only (nothing in
 * server/ changes). Two driver seams, both patched on objects the driver reads at call time:
 * - `executeOperation` (mongodb/lib/operations/execute_operation): an operation asked for —
 *   a bulk insert asks once per batch; inside it the driver waits for the pool's one connection;
 * - `Connection.prototype.command`: the round trip on the wire, once the connection is ours.
 * An AsyncLocalStorage links the two, so each operation knows when it was asked for (`call`),
 * when it got the connection (`start`) and when it returned (`end`): `start − call` is the time
 * spent waiting behind other operations on the one FerretDB connection.
 * Chat hooks: `MessageWriter.write` (a message queued for the group commit) and the realtime
 * `chat:message` broadcast (its fan-out), per client id. Times are absolute (ms since epoch), so
 * the parent can line them up with its own send and receipt times.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** One database operation as the driver ran it. */
export interface DbOp {
  coll: string;
  cmd: string;
  /** Documents sent (inserts), else 0. */
  n: number;
  call: number;
  start: number;
  end: number;
  /** Client ids of the chat messages an insert carried (chatmessages inserts only). */
  clientIds?: string[];
}

/** What the child hands back after a profiled window. */
export interface ProfileDump {
  ops: DbOp[];
  /** clientId → [queued for the group commit, broadcast started, broadcast returned]. */
  messages: [string, number, number, number][];
  loopDelayP99: number;
  loopDelayMax: number;
}

const now = () => performance.timeOrigin + performance.now();
type Fn = (...args: unknown[]) => Promise<unknown>;

/** Installs the hooks (once); `record` turns them on and off; `dump` returns and clears what was seen. */
export function installDbProfile(chatCollection: string) {
  const require = createRequire(driverBase());
  const exec = require('mongodb/lib/operations/execute_operation') as { executeOperation: Fn };
  const { Connection } = require('mongodb/lib/cmap/connection') as { Connection: { prototype: { command: Fn } } };
  const als = new AsyncLocalStorage<DbOp>();
  let on = false;
  let ops: DbOp[] = [];
  const queued = new Map<string, number>();
  const emitted = new Map<string, [number, number]>();
  const loop = monitorEventLoopDelay({ resolution: 1 });

  const execute = exec.executeOperation;
  exec.executeOperation = function (this: unknown, ...args: unknown[]) {
    if (!on) return execute.apply(this, args);
    const op: DbOp = { coll: '?', cmd: '?', n: 0, call: now(), start: NaN, end: NaN };
    ops.push(op);
    return als.run(op, () => execute.apply(this, args)).finally(() => (op.end = now()));
  };
  const command = Connection.prototype.command;
  Connection.prototype.command = function (this: unknown, ...args: unknown[]) {
    const op = als.getStore();
    if (op && Number.isNaN(op.start)) describe(op, args[1] as Record<string, unknown>, chatCollection);
    return command.apply(this, args);
  };

  return {
    record(state: boolean) {
      on = state;
      if (state) loop.enable();
      else loop.disable();
    },
    queued: (clientId: string) => on && queued.set(clientId, now()),
    emitted: (clientId: string, startedAt: number) => on && emitted.set(clientId, [startedAt, now()]),
    now,
    dump(): ProfileDump {
      const out: ProfileDump = {
        ops: ops.filter((o) => Number.isFinite(o.start) && Number.isFinite(o.end)), // finished ones only (NaN would cross IPC as null)
        messages: [...queued].map(([id, at]) => [id, at, ...(emitted.get(id) ?? [NaN, NaN])]),
        loopDelayP99: loop.percentile(99) / 1e6,
        loopDelayMax: loop.max / 1e6,
      };
      ops = [];
      queued.clear();
      emitted.clear();
      loop.reset();
      return out;
    },
  };
}

/** Names the command the operation sent: its verb, collection and documents. */
function describe(op: DbOp, cmd: Record<string, unknown>, chatCollection: string): void {
  op.start = now();
  const verb = Object.keys(cmd)[0] ?? '?';
  op.cmd = verb;
  op.coll = String(verb === 'getMore' ? cmd.collection : cmd[verb]);
  // the driver sends inserted documents as an OP_MSG document sequence or as a plain array
  const docs = cmd.documents as unknown[] | { documents?: unknown[] } | undefined;
  const list = Array.isArray(docs) ? docs : (docs?.documents ?? []);
  op.n = list.length;
  if (verb === 'insert' && op.coll === chatCollection) op.clientIds = list.map((d) => String((d as { clientId?: unknown }).clientId));
}

/** Resolve the driver from mongoose's own location, so the patched module is the one it runs. */
function driverBase(): string {
  return createRequire(import.meta.url).resolve('mongoose');
}
