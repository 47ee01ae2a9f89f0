/**
 * An unordered `insertMany` through the driver (no Mongoose casting: the group-commit writers own
 * their documents' shape), reporting each refused document by its index. A whole-batch failure
 * (network, server down) throws; per-document refusals (a duplicate `_id`, E11000) are returned,
 * so one bad row never fails the others.
 */
import type mongoose from 'mongoose';

export interface WriteError {
  index: number;
  code?: number;
}

export async function insertUnordered<D extends { _id: string }>(collection: mongoose.mongo.Collection<D>, docs: D[]): Promise<Map<number, WriteError>> {
  try {
    await collection.insertMany(docs as unknown as Parameters<typeof collection.insertMany>[0], { ordered: false });
    return new Map();
  } catch (err) {
    // the driver reports one or many write errors (a lone one may come unwrapped)
    const reported = (err as { writeErrors?: WriteError | WriteError[] }).writeErrors;
    if (reported === undefined) throw err;
    const list = Array.isArray(reported) ? reported : [reported];
    return new Map(list.map((w) => [w.index, w]));
  }
}
