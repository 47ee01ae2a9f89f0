import mongoose from 'mongoose';
import type { Env } from '../env';
import { DEFAULT_FERRETDB_BIN, ensureFerretdbBinary, startFerretdb, type EmbeddedDatabase } from './ferretdb';

export interface Database {
  kind: 'ferretdb' | 'mongodb';
  uri: string;
  stop(): Promise<void>;
}

/** Connects Mongoose to MONGODB_URI, or to an embedded FerretDB started for this process. */
export async function connectDatabase(env: Env, log: (msg: string) => void): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let uri = env.MONGODB_URI;
  if (!uri) {
    const binary = ensureFerretdbBinary(env.FERRETDB_BIN ?? DEFAULT_FERRETDB_BIN, log);
    embedded = await startFerretdb({ binary, dataDir: env.DATA_DIR, log });
    uri = `${embedded.uri}yinzhi`;
  }
  await connectMongoose(uri, embedded ? 'ferretdb' : 'mongodb');
  return {
    kind: embedded ? 'ferretdb' : 'mongodb',
    uri,
    async stop() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/**
 * Opens the default Mongoose connection and builds every registered model's indexes.
 *
 * FerretDB v1's SQLite backend runs each update as read-modify-write without a lock, so two
 * updates of one document on different connections can lose one (measured: 20 concurrent
 * `$inc` applied 3; a guarded findOneAndUpdate let 5 of 6 racers win). One connection makes
 * the server apply this process's operations one at a time, which restores the atomicity the
 * app relies on (guarded state transitions, size limits, counters). MongoDB keeps a pool.
 */
export async function connectMongoose(uri: string, kind: 'ferretdb' | 'mongodb'): Promise<void> {
  // autoIndex off: indexes are built once here, awaited, instead of racing the first queries.
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: false, maxPoolSize: kind === 'ferretdb' ? 1 : 50 });
  await syncIndexes();
}

export async function syncIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.createIndexes();
}
