import { LocalDatabase } from './database';
import { DbErrorCode } from './errors';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

let db: LocalDatabase;
let dir: string;
let clock = Date.UTC(2026, 0, 1);

beforeEach(async () => {
  dir = makeTempDir();
  db = await LocalDatabase.open({ dataDir: dir, now: () => new Date(clock) });
  await db.addCollection('acc');
  await db.insert('acc', [
    { _id: 'a', n: 0 },
    { _id: 'b', n: 0 },
  ]);
});

afterEach(async () => {
  await db.close();
  cleanupTempDirs();
});

const get = (id: string, transactionId?: string) => db.find('acc', { query: { _id: id }, transactionId })[0];
const rejectsWith = (p: Promise<unknown> | (() => unknown), code: string) =>
  expect(typeof p === 'function' ? Promise.resolve().then(p) : p).rejects.toMatchObject({ code });

describe('transactions', () => {
  test('reads see the transaction’s own writes; nobody else does until commit', async () => {
    const tx = db.startTransaction();
    await db.modify('acc', { _id: 'a' }, { $inc: { n: 5 } }, { transactionId: tx });
    await db.insert('acc', [{ _id: 'c', n: 1 }], tx);
    expect(get('a', tx).n).toBe(5);
    expect(get('c', tx).n).toBe(1);
    expect(get('a').n).toBe(0);
    expect(db.find('acc', { query: { _id: 'c' } })).toEqual([]);
    await db.remove('acc', { _id: 'b' }, { transactionId: tx });
    expect(get('b', tx)).toBeUndefined();
    await db.commitTransaction(tx);
    expect(get('a').n).toBe(5);
    expect(get('c').n).toBe(1);
    expect(get('b')).toBeUndefined();
  });

  test('a commit after another commit changed a document it read fails with DATABASE_TRANSACTION_CONFLICT', async () => {
    const tx = db.startTransaction();
    const seen = get('a', tx).n as number;
    await db.modify('acc', { _id: 'a' }, { $set: { n: 100 } }); // a concurrent, non-transactional write
    await db.modify('acc', { _id: 'b' }, { $set: { n: seen + 1 } }, { transactionId: tx });
    await rejectsWith(db.commitTransaction(tx), DbErrorCode.transactionConflict);
    expect([get('a').n, get('b').n]).toEqual([100, 0]); // nothing of the transaction applied
    expect(db.stats().transactions).toMatchObject({ conflicts: 1, committed: 0 });
  });

  test('two transactions writing the same document: the first writer wins, the second conflicts at its write', async () => {
    const t1 = db.startTransaction();
    const t2 = db.startTransaction();
    await db.modify('acc', { _id: 'a' }, { $inc: { n: 1 } }, { transactionId: t1 });
    // As in MongoDB, the conflict surfaces at the second write, not at its commit.
    await rejectsWith(db.modify('acc', { _id: 'a' }, { $inc: { n: 10 } }, { transactionId: t2 }), DbErrorCode.transactionConflict);
    await db.commitTransaction(t1);
    await rejectsWith(db.commitTransaction(t2), DbErrorCode.transactionConflict);
    expect(get('a').n).toBe(1);
  });

  test('transactions on different documents both commit', async () => {
    const t1 = db.startTransaction();
    const t2 = db.startTransaction();
    await db.modify('acc', { _id: 'a' }, { $inc: { n: 1 } }, { transactionId: t1 });
    await db.modify('acc', { _id: 'b' }, { $inc: { n: 1 } }, { transactionId: t2 });
    await Promise.all([db.commitTransaction(t1), db.commitTransaction(t2)]);
    expect([get('a').n, get('b').n]).toEqual([1, 1]);
  });

  test('two transactions inserting the same new _id: the second conflicts', async () => {
    const t1 = db.startTransaction();
    const t2 = db.startTransaction();
    await db.insert('acc', [{ _id: 'new' }], t1);
    await rejectsWith(db.insert('acc', [{ _id: 'new' }], t2), DbErrorCode.transactionConflict);
    await db.commitTransaction(t1);
    await rejectsWith(db.commitTransaction(t2), DbErrorCode.transactionConflict);
  });

  test('insert of an existing _id inside a transaction fails at once', async () => {
    const tx = db.startTransaction();
    await rejectsWith(db.insert('acc', [{ _id: 'a' }], tx), DbErrorCode.requestFailed);
  });

  test('abort discards the writes and ends the transaction', async () => {
    const tx = db.startTransaction();
    await db.modify('acc', { _id: 'a' }, { $set: { n: 9 } }, { transactionId: tx });
    db.abortTransaction(tx);
    expect(get('a').n).toBe(0);
    await rejectsWith(db.modify('acc', { _id: 'a' }, { $set: { n: 9 } }, { transactionId: tx }), DbErrorCode.transactionFail);
    await rejectsWith(db.commitTransaction(tx), DbErrorCode.transactionFail);
  });

  test('transactions expire after 30 s', async () => {
    const tx = db.startTransaction();
    await db.modify('acc', { _id: 'a' }, { $set: { n: 9 } }, { transactionId: tx });
    clock += 30_001;
    await rejectsWith(db.commitTransaction(tx), DbErrorCode.transactionFail);
    expect(get('a').n).toBe(0);
    expect(db.stats().transactions).toMatchObject({ expired: 1, open: 0 });
  });

  test('only single-document operations by _id are allowed inside a transaction', async () => {
    const tx = db.startTransaction();
    await rejectsWith(() => db.find('acc', { query: { n: 0 }, transactionId: tx }), DbErrorCode.requestFailed);
    await rejectsWith(db.modify('acc', { n: 0 }, { $set: { n: 1 } }, { transactionId: tx, multi: true }), DbErrorCode.requestFailed);
    await rejectsWith(db.remove('acc', { n: { $gte: 0 } }, { transactionId: tx }), DbErrorCode.requestFailed);
  });

  test('a collection that was not created is missing inside a transaction too, for reads and writes', async () => {
    const tx = db.startTransaction();
    await rejectsWith(() => db.find('nope', { query: { _id: 'x' }, transactionId: tx }), DbErrorCode.collectionNotExist);
    await rejectsWith(db.insert('fresh', [{ _id: 'x', v: 1 }], tx), DbErrorCode.collectionNotExist);
    await rejectsWith(db.modify('fresh', { _id: 'x' }, { $set: { v: 1 } }, { transactionId: tx, upsert: true }), DbErrorCode.collectionNotExist);
    await db.commitTransaction(tx);
    expect(db.collectionNames()).not.toContain('fresh');
  });

  test('a committed transaction is one journal record and survives a restart', async () => {
    const tx = db.startTransaction();
    await db.modify('acc', { _id: 'a' }, { $set: { n: 1 } }, { transactionId: tx });
    await db.modify('acc', { _id: 'b' }, { $set: { n: 2 } }, { transactionId: tx });
    await db.insert('acc', [{ _id: 'z', n: 3 }], tx);
    const before = db.stats().journal.records;
    await db.commitTransaction(tx);
    expect(db.stats().journal.records).toBe(before + 1);
    await db.close();
    db = await LocalDatabase.open({ dataDir: dir });
    expect(db.find('acc', { query: {}, order: { _id: 1 } }).map((d) => d.n)).toEqual([1, 2, 3]);
  });
});
