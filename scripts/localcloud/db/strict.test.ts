import { AGGREGATE_DEFAULT_LIMIT, LocalDatabase } from './database';
import { DbErrorCode } from './errors';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

/**
 * The strict emulator: each rule here is something CloudBase refuses or limits that a lenient
 * emulator would let pass (docs/cloudbase-emulation.md lists the rules and their sources).
 */

let db: LocalDatabase;

beforeEach(async () => {
  db = await LocalDatabase.open({ dataDir: makeTempDir() });
  await db.addCollection('c');
});

afterEach(async () => {
  await db.close();
  cleanupTempDirs();
});

const rejectsWith = (p: Promise<unknown> | (() => unknown), match: object) =>
  expect(typeof p === 'function' ? Promise.resolve().then(p) : p).rejects.toMatchObject(match);
const notExist = { code: DbErrorCode.collectionNotExist };

describe('rule 1: nothing is auto-created; a collection that was not created does not exist', () => {
  test('every read and write of a missing collection fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    await rejectsWith(() => db.find('missing', { query: {} }), notExist);
    await rejectsWith(() => db.count('missing', {}), notExist);
    await rejectsWith(() => db.aggregate('missing', [{ $match: {} }]), notExist);
    await rejectsWith(db.insert('missing', [{ a: 1 }]), notExist);
    await rejectsWith(db.modify('missing', { _id: 'x' }, { $set: { a: 1 } }, { upsert: true }), notExist);
    await rejectsWith(db.modify('missing', {}, { $set: { a: 1 } }, { multi: true }), notExist);
    await rejectsWith(db.remove('missing', {}), notExist);
    expect(db.collectionNames()).toEqual(['c']);
  });

  test('once created (addCollection = db.createCollection) it works; creating it again fails with a code', async () => {
    await db.addCollection('later');
    await expect(db.insert('later', [{ _id: 'x' }])).resolves.toEqual(['x']);
    await rejectsWith(db.addCollection('later'), { code: DbErrorCode.collectionAlreadyExist });
  });
});

describe('rule 2: an aggregation without $limit answers at most 20 results', () => {
  beforeEach(async () => {
    await db.insert('c', Array.from({ length: 45 }, (_x, i) => ({ _id: `d${String(i).padStart(2, '0')}`, g: i })));
  });

  test('no $limit: 20; with $limit: as many as asked', () => {
    expect(AGGREGATE_DEFAULT_LIMIT).toBe(20);
    expect(db.aggregate('c', [{ $match: {} }])).toHaveLength(20);
    expect(db.aggregate('c', [{ $group: { _id: '$g', n: { $sum: 1 } } }])).toHaveLength(20);
    expect(db.aggregate('c', [{ $group: { _id: '$g', n: { $sum: 1 } } }, { $limit: 1000 }])).toHaveLength(45);
    expect(db.aggregate('c', [{ $match: {} }, { $limit: 30 }])).toHaveLength(30);
  });
});

describe('rule 3: an update operator that does not fit the field type is an error (MongoDB code + message)', () => {
  beforeEach(async () => {
    await db.insert('c', [{ _id: 'x', s: 'text', n: 1, list: [1], obj: { k: 1 }, nul: null }]);
  });
  const update = (data: Record<string, unknown>) => db.modify('c', { _id: 'x' }, data);
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const failed = (code: number, text: string) => ({
    code: DbErrorCode.requestFailed,
    message: expect.stringMatching(new RegExp(`^\\[${code} [A-Za-z]+\\] .*${escape(text)}`)),
  });

  test('$inc / $mul on a string, or with a non-number', async () => {
    await rejectsWith(update({ $inc: { s: 1 } }), failed(14, "Cannot apply $inc to a value of non-numeric type. {_id: \"x\"} has the field 's' of non-numeric type string"));
    await rejectsWith(update({ $mul: { list: 2 } }), failed(14, 'non-numeric type array'));
    await rejectsWith(update({ $inc: { n: '1' } }), failed(14, 'Cannot increment with non-numeric argument'));
  });

  test('$push / $addToSet / $pull / $pop onto a non-array', async () => {
    await rejectsWith(update({ $push: { n: 2 } }), failed(2, "The field 'n' must be an array but is of type int"));
    await rejectsWith(update({ $addToSet: { s: 'a' } }), failed(2, 'Cannot apply $addToSet to non-array field'));
    await rejectsWith(update({ $pull: { obj: 1 } }), failed(2, 'Cannot apply $pull to a non-array value'));
    await rejectsWith(update({ $pop: { s: 1 } }), failed(14, 'non-array type'));
  });

  test('setting a path through a scalar or null (also a plain update, which the SDK sends as dotted $set)', async () => {
    await rejectsWith(update({ $set: { 'n.b': 1 } }), failed(28, "Cannot create field 'b' in element {n: 1}"));
    await rejectsWith(update({ $set: { 'nul.b': 1 } }), failed(28, "Cannot create field 'b' in element {nul: null}"));
    await rejectsWith(update({ $set: { 'list.k': 1 } }), failed(28, "Cannot create field 'k'"));
    await rejectsWith(update({ 's.deep.er': 1 }), failed(28, "Cannot create field 'deep' in element {s: \"text\"}"));
  });

  test('nothing of a refused update is written; fitting updates still work', async () => {
    await rejectsWith(update({ $set: { ok: 1 }, $inc: { s: 1 } }), failed(14, 'non-numeric'));
    expect(db.find('c', { query: { _id: 'x' } })[0]).not.toHaveProperty('ok');
    await expect(update({ $inc: { n: 1, fresh: 2 }, $push: { list: 2, newList: 1 }, $set: { 'obj.k2': 1, 'new.path': 1 } })).resolves.toEqual({ updated: 1 });
    expect(db.find('c', { query: { _id: 'x' } })[0]).toMatchObject({ n: 2, fresh: 2, list: [1, 2], newList: [1], obj: { k: 1, k2: 1 }, new: { path: 1 } });
    await expect(update({ $unset: { 'n.b': '' } })).resolves.toEqual({ updated: 0 }); // MongoDB: a no-op, not an error
  });

  test('inside a transaction the refusal comes at the write', async () => {
    const tx = db.startTransaction();
    await rejectsWith(db.modify('c', { _id: 'x' }, { $inc: { s: 1 } }, { transactionId: tx }), failed(14, 'non-numeric'));
  });
});

describe('rule 4: a write–write conflict surfaces at the write', () => {
  beforeEach(async () => {
    await db.insert('c', [{ _id: 'a', n: 0 }]);
  });
  const conflict = { code: DbErrorCode.transactionConflict, message: expect.stringContaining('TransactionConflict') };

  test('a second open transaction writing the same document fails at its write, and is aborted', async () => {
    const t1 = db.startTransaction();
    const t2 = db.startTransaction();
    await db.modify('c', { _id: 'a' }, { $inc: { n: 1 } }, { transactionId: t1 });
    await rejectsWith(db.modify('c', { _id: 'a' }, { $inc: { n: 10 } }, { transactionId: t2 }), conflict);
    await rejectsWith(db.modify('c', { _id: 'a' }, { $set: { other: 1 } }, { transactionId: t2 }), conflict); // aborted: nothing more joins it
    await rejectsWith(db.commitTransaction(t2), conflict);
    await db.commitTransaction(t1);
    expect(db.find('c', { query: { _id: 'a' } })[0].n).toBe(1);
  });

  test('writing a document that a commit changed after the transaction started fails at the write', async () => {
    const tx = db.startTransaction();
    await db.modify('c', { _id: 'a' }, { $set: { n: 5 } });
    await rejectsWith(db.modify('c', { _id: 'a' }, { $set: { n: 6 } }, { transactionId: tx }), conflict);
  });

  test('two transactions inserting the same new _id: the second fails at its insert', async () => {
    const t1 = db.startTransaction();
    const t2 = db.startTransaction();
    await db.insert('c', [{ _id: 'new' }], t1);
    await rejectsWith(db.insert('c', [{ _id: 'new' }], t2), conflict);
    await db.commitTransaction(t1);
    expect(db.stats().transactions).toMatchObject({ conflicts: 1, committed: 1 });
  });
});

describe('rule 5: an array insert that fails part-way keeps what an ordered insertMany keeps', () => {
  test('documents before the duplicate are written; the duplicate and the rest are not; E11000 is reported', async () => {
    await db.insert('c', [{ _id: 'b' }]);
    await rejectsWith(db.insert('c', [{ _id: 'a1' }, { _id: 'a2' }, { _id: 'b', v: 2 }, { _id: 'a3' }]), {
      code: DbErrorCode.requestFailed,
      message: expect.stringMatching(/^E11000 duplicate key error/),
    });
    expect(db.find('c', { query: {}, order: { _id: 1 } })).toEqual([{ _id: 'a1' }, { _id: 'a2' }, { _id: 'b' }]);
  });

  test('a duplicate inside the batch itself stops there too', async () => {
    await rejectsWith(db.insert('c', [{ _id: 'x1' }, { _id: 'x1' }, { _id: 'x2' }]), { message: expect.stringContaining('E11000') });
    expect(db.find('c', { query: {}, order: { _id: 1 } }).map((d) => d._id)).toEqual(['x1']);
  });
});
