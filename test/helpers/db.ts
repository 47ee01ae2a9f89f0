import crypto from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { connectMongoose } from '../../server/db/connect';

/** Connects this test file's process to a database of its own on the shared FerretDB. */
export async function useTestDatabase(): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  if (mongoose.connection.readyState !== 1) await connectMongoose(`${inject('mongoUri')}${name}`, process.env.TEST_MONGODB_URI ? 'mongodb' : 'ferretdb');
  return {
    name,
    async drop() {
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
    },
  };
}
