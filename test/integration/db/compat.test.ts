/**
 * Proves, against the real FerretDB the tests run on, each Mongoose operation the app relies on.
 * If a FerretDB upgrade (or MongoDB) breaks one, this file says which.
 */
import mongoose, { Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../helpers/db';

const itemSchema = new Schema({
  slug: { type: String, required: true, unique: true },
  owner: { type: String, required: true },
  kind: { type: String, required: true },
  state: { type: String, default: 'open' },
  n: { type: Number, default: 0 },
  tags: { type: [String], default: [] },
  log: { type: [{ at: Number, text: String }], default: [] },
  ref: { type: Schema.Types.ObjectId, ref: 'CompatRef' },
  title: String,
});
itemSchema.index({ owner: 1, kind: 1 }, { unique: true });
const Item = mongoose.model('CompatItem', itemSchema);
const Ref = mongoose.model('CompatRef', new Schema({ label: String }));
const Bucket = mongoose.model('CompatBucket', new Schema({ _id: String, count: Number, items: [Number] }));

let db: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  db = await useTestDatabase();
  await Item.createIndexes();
  const ref = await Ref.create({ label: '先行集团' });
  await Item.insertMany(
    Array.from({ length: 12 }, (_, i) => ({ slug: `s${i}`, owner: `o${i % 3}`, kind: `k${i}`, n: i, tags: i % 2 ? ['odd'] : ['even'], ref: ref._id, title: `挂牌难题 ${i} 保温杯` })),
  );
});
afterAll(() => db?.drop());

describe('FerretDB compatibility for the operations Yinzhi uses', () => {
  it('enforces unique and compound unique indexes (E11000)', async () => {
    await expect(Item.create({ slug: 's0', owner: 'x', kind: 'y' })).rejects.toMatchObject({ code: 11000 });
    await expect(Item.create({ slug: 'new', owner: 'o0', kind: 'k0' })).rejects.toMatchObject({ code: 11000 });
    await expect(Item.create({ slug: 'new2', owner: 'o0', kind: 'k-new' })).resolves.toBeTruthy();
    await Item.deleteOne({ slug: 'new2' });
  });

  it('finds with filter, sort, skip and limit', async () => {
    const page = await Item.find({ tags: 'even' }).sort({ n: -1 }).skip(1).limit(2).lean();
    expect(page.map((d) => d.n)).toEqual([8, 6]);
    const ranged = await Item.find({ n: { $gte: 3, $lt: 6 }, owner: { $in: ['o0', 'o1'] } }).sort({ n: 1 }).lean();
    expect(ranged.map((d) => d.n)).toEqual([3, 4]);
  });

  it('computes one accumulator per $group stage (FerretDB v1 zeroes every accumulator after the first)', async () => {
    const counts = await Item.aggregate<{ _id: string; count: number }>([{ $group: { _id: '$owner', count: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(counts.map((c) => c.count)).toEqual([4, 4, 4]);
    const both = await Item.aggregate<{ _id: string; count: number; total: number }>([
      { $group: { _id: '$owner', count: { $sum: 1 }, total: { $sum: '$n' } } },
      { $sort: { _id: 1 } },
    ]);
    // MongoDB answers 18 for o0 (0+3+6+9); FerretDB v1.24 answers 0. The app never relies on a second accumulator.
    expect([18, 0]).toContain(both[0]?.total);
  });

  it('applies concurrent guarded updates from this process one at a time (single connection)', async () => {
    await Item.updateOne({ slug: 's4' }, { $set: { n: 0, state: 'open' } });
    await Promise.all(Array.from({ length: 20 }, () => Item.updateOne({ slug: 's4' }, { $inc: { n: 1 } })));
    expect((await Item.findOne({ slug: 's4' }).lean())?.n).toBe(20);
    const racers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => Item.findOneAndUpdate({ slug: 's4', state: 'open' }, { $set: { state: `taken${i}` } }, { returnDocument: 'after' })),
    );
    expect(racers.filter(Boolean)).toHaveLength(1);
  });

  it('finds by case-insensitive regex, including Chinese text (the search fallback for $text)', async () => {
    const hits = await Item.find({ title: { $regex: '保温杯', $options: 'i' } }).countDocuments();
    expect(hits).toBe(12);
    expect(await Item.countDocuments({ title: { $regex: '难题 1\\d' } })).toBe(2);
  });

  it('findOneAndUpdate applies $inc, $push, $set, $addToSet, $pull atomically and respects a state guard', async () => {
    const updated = await Item.findOneAndUpdate(
      { slug: 's1', state: 'open' },
      { $inc: { n: 5 }, $push: { log: { at: 1, text: 'a' } }, $set: { state: 'reviewing' }, $addToSet: { tags: 'hot' } },
      { returnDocument: 'after' },
    ).lean();
    expect(updated).toMatchObject({ n: 6, state: 'reviewing', tags: ['odd', 'hot'] });
    expect(updated?.log).toHaveLength(1);
    // the guard no longer matches: nothing happens and null comes back
    const again = await Item.findOneAndUpdate({ slug: 's1', state: 'open' }, { $set: { state: 'closed' } }, { returnDocument: 'after' });
    expect(again).toBeNull();
    const pulled = await Item.findOneAndUpdate({ slug: 's1' }, { $pull: { tags: 'hot' } }, { returnDocument: 'after' }).lean();
    expect(pulled?.tags).toEqual(['odd']);
  });

  it('guards a size limit with a filter on array length ($expr-free form)', async () => {
    // "at most 3 members": match only while the 4th slot (index 3) does not exist
    await Item.updateOne({ slug: 's2' }, { $set: { tags: [] } });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => Item.updateOne({ slug: 's2', 'tags.2': { $exists: false } }, { $push: { tags: `m${i}` } })),
    );
    expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(3);
    expect((await Item.findOne({ slug: 's2' }).lean())?.tags).toHaveLength(3);
  });

  it('guards array changes by document version (how teams change members and requests)', async () => {
    await Item.updateOne({ slug: 's5' }, { $set: { log: [{ at: 1, text: 'a' }, { at: 2, text: 'b' }] } });
    const doc = await Item.findOne({ slug: 's5' });
    const v = doc!.__v;
    const writes = await Promise.all(
      ['x', 'y', 'z'].map((t) => Item.updateOne({ slug: 's5', __v: v }, { $set: { log: [...doc!.log, { at: 3, text: t }] }, $inc: { __v: 1 } })),
    );
    expect(writes.filter((w) => w.modifiedCount === 1)).toHaveLength(1);
    expect((await Item.findOne({ slug: 's5' }).lean())?.log).toHaveLength(3);
  });

  it('documents the array operators FerretDB v1 gets wrong, which the app avoids', async () => {
    // MongoDB: $ne on an array field matches only if NO element equals; $elemMatch and $pull by condition work.
    const neHits = await Item.countDocuments({ slug: 's5', 'log.text': { $ne: 'a' } });
    const elem = await Item.countDocuments({ slug: 's5', log: { $elemMatch: { text: 'a' } } });
    const pulled = await Item.updateOne({ slug: 's5' }, { $pull: { log: { text: 'a' } } });
    const onMongo = neHits === 0 && elem === 1 && pulled.modifiedCount === 1;
    const onFerret = neHits === 1 && elem === 0 && pulled.modifiedCount === 0;
    expect(onMongo || onFerret).toBe(true);
  });

  it('upserts bucket documents keyed by _id with $inc and $push', async () => {
    for (let i = 0; i < 3; i++) await Bucket.updateOne({ _id: 'room1:0' }, { $inc: { count: 1 }, $push: { items: i } }, { upsert: true });
    expect(await Bucket.findById('room1:0').lean()).toMatchObject({ count: 3, items: [0, 1, 2] });
  });

  it('counts documents and runs the aggregate stages used ($match, $group, $sort, $project, $limit, $unwind)', async () => {
    expect(await Item.countDocuments({ owner: 'o1' })).toBe(4);
    const grouped = await Item.aggregate<{ _id: string; total: number }>([
      { $match: { n: { $lt: 12 } } },
      { $group: { _id: '$owner', total: { $sum: '$n' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(grouped.map((g) => g._id)).toEqual(['o0', 'o1', 'o2']);
    expect(grouped[0]).toEqual({ _id: 'o0', total: 18 }); // s0+s3+s6+s9, untouched by other tests
    const tags = await Item.aggregate<{ _id: string; c: number }>([
      { $unwind: '$tags' },
      { $group: { _id: '$tags', c: { $sum: 1 } } },
      { $sort: { c: -1 } },
      { $limit: 1 },
      { $project: { _id: 1, c: 1 } },
    ]);
    expect(tags).toHaveLength(1);
  });

  it('populates references (instead of $lookup)', async () => {
    const doc = await Item.findOne({ slug: 's3' }).populate<{ ref: { label: string } }>('ref').lean();
    expect(doc?.ref.label).toBe('先行集团');
  });

  it('updates and deletes many, and estimates counts', async () => {
    const r = await Item.updateMany({ owner: 'o2' }, { $set: { state: 'closed' } });
    expect(r.modifiedCount).toBe(4);
    expect(await Item.estimatedDocumentCount()).toBe(12);
    const d = await Item.deleteMany({ owner: 'o2', state: 'closed' });
    expect(d.deletedCount).toBe(4);
  });

  it('stores binary data (Yjs updates) byte for byte', async () => {
    const Blob = mongoose.model('CompatBlob', new Schema({ _id: String, data: Buffer }));
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
    await Blob.create({ _id: 'doc', data: bytes });
    const back = await Blob.findById('doc').lean();
    expect(Buffer.from(back!.data!.buffer ?? back!.data!).equals(bytes)).toBe(true);
  });
});
