import { appendFileSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Long } from 'bson';
import { LocalDatabase } from './database';
import { CorruptDataError } from './journal';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

const journalOf = (dir: string) => path.join(dir, 'journal.log');
const snapshotOf = (dir: string) => path.join(dir, 'snapshot.jsonl');
const all = (db: LocalDatabase, collection: string) => db.find(collection, { query: {}, order: { _id: 1 }, limit: 1000 });

afterEach(cleanupTempDirs);

async function withDb<T>(dir: string, fn: (db: LocalDatabase) => Promise<T> | T, opts: { compactAfterBytes?: number } = {}): Promise<T> {
  // Persistence, not collection strictness, is under test here: collections appear on first insert.
  const db = await LocalDatabase.open({ dataDir: dir, autoCreateCollections: true, ...opts });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const sample = (i: number) => ({
  _id: `d${String(i).padStart(3, '0')}`,
  i,
  f: i + 0.5,
  at: new Date(1_700_000_000_000 + i),
  big: Long.fromString('9007199254740993'),
  nested: { list: [i, `s${i}`, { deep: true }] },
});

describe('persistence', () => {
  test('writes survive close and reopen, with their types', async () => {
    const dir = makeTempDir();
    await withDb(dir, async (db) => {
      await db.insert('things', [sample(1), sample(2), sample(3)]);
      await db.modify('things', { _id: 'd002' }, { $inc: { i: 10 } });
      await db.remove('things', { _id: 'd003' });
      await db.addCollection('empty');
    });
    await withDb(dir, (db) => {
      const docs = all(db, 'things');
      expect(docs.map((d) => d._id)).toEqual(['d001', 'd002']);
      expect(docs[1].i).toBe(12);
      expect(docs[0].at).toEqual(new Date(1_700_000_000_001));
      expect((docs[0].big as Long).toString()).toBe('9007199254740993');
      expect(docs[0].nested).toEqual({ list: [1, 's1', { deep: true }] });
      expect(db.collectionNames().sort()).toEqual(['empty', 'things']);
    });
  });

  test('a torn last journal line (crash mid-write) is dropped and cut off; everything before it loads', async () => {
    const dir = makeTempDir();
    await withDb(dir, (db) => db.insert('things', [sample(1), sample(2)]));
    const goodSize = statSync(journalOf(dir)).size;
    appendFileSync(journalOf(dir), '{"seq":{"$numberInt":"9"},"ops":[{"t":"put","c":"things","d":{"_id":"d0');
    await withDb(dir, async (db) => {
      expect(all(db, 'things')).toHaveLength(2);
      expect(statSync(journalOf(dir)).size).toBe(goodSize);
      await db.insert('things', [sample(3)]); // appends after the cut, on a clean line
    });
    await withDb(dir, (db) => expect(all(db, 'things')).toHaveLength(3));
  });

  test('a zero-filled tail (data blocks not yet written at the crash) is treated as torn too', async () => {
    const dir = makeTempDir();
    await withDb(dir, (db) => db.insert('things', [sample(1)]));
    appendFileSync(journalOf(dir), Buffer.alloc(300));
    await withDb(dir, (db) => expect(all(db, 'things')).toHaveLength(1));
  });

  test('damage before the last line is corruption and refuses to load', async () => {
    const dir = makeTempDir();
    await withDb(dir, async (db) => {
      await db.insert('things', [sample(1)]);
      await db.insert('things', [sample(2)]);
    });
    const lines = readFileSync(journalOf(dir), 'utf8').split('\n');
    lines[0] = lines[0].slice(0, 20);
    writeFileSync(journalOf(dir), lines.join('\n'));
    await expect(LocalDatabase.open({ dataDir: dir })).rejects.toBeInstanceOf(CorruptDataError);
  });

  test('compaction writes a snapshot and empties the journal; later writes go to the journal', async () => {
    const dir = makeTempDir();
    await withDb(dir, async (db) => {
      for (let i = 0; i < 20; i++) await db.insert('things', [sample(i)]);
      await db.remove('things', { i: { $gte: 15 } });
      await db.compact();
      expect(statSync(journalOf(dir)).size).toBe(0);
      expect(existsSync(snapshotOf(dir))).toBe(true);
      expect(db.stats().journal).toMatchObject({ records: 0, bytes: 0, compactions: 1 });
      await db.modify('things', { _id: 'd000' }, { $set: { after: true } });
    });
    expect(statSync(journalOf(dir)).size).toBeGreaterThan(0);
    await withDb(dir, (db) => {
      const docs = all(db, 'things');
      expect(docs).toHaveLength(15);
      expect(docs[0].after).toBe(true);
      expect((docs[3].big as Long).toString()).toBe('9007199254740993');
    });
  });

  test('a crash after the snapshot rename but before the journal was emptied loads without duplicating anything', async () => {
    const dir = makeTempDir();
    const saved = path.join(dir, 'journal.saved');
    await withDb(dir, async (db) => {
      await db.insert('things', [sample(1)]);
      await db.modify('things', { _id: 'd001' }, { $inc: { i: 1 } });
      await db.remove('things', { _id: 'd001' });
      await db.insert('things', [sample(2)]);
      copyFileSync(journalOf(dir), saved);
      await db.compact();
    });
    copyFileSync(saved, journalOf(dir)); // as if the truncate never happened
    await withDb(dir, async (db) => {
      expect(all(db, 'things').map((d) => d._id)).toEqual(['d002']);
      await db.insert('things', [sample(3)]);
    });
    await withDb(dir, (db) => expect(all(db, 'things').map((d) => d._id)).toEqual(['d002', 'd003']));
  });

  test('a leftover temporary snapshot (crash during compaction) is ignored', async () => {
    const dir = makeTempDir();
    await withDb(dir, (db) => db.insert('things', [sample(1)]));
    writeFileSync(`${snapshotOf(dir)}.tmp`, '{"format":"anxue-localdb-snapshot","version":1,"seq":99,"coll');
    await withDb(dir, (db) => expect(all(db, 'things')).toHaveLength(1));
    expect(existsSync(`${snapshotOf(dir)}.tmp`)).toBe(false);
  });

  test('the journal compacts itself once it passes compactAfterBytes', async () => {
    const dir = makeTempDir();
    await withDb(
      dir,
      async (db) => {
        for (let i = 0; i < 30; i++) await db.insert('things', [sample(i)]);
        await db.modify('things', {}, { $set: { tick: 1 } }, { multi: true }); // let a queued compaction run
        expect(db.stats().journal.compactions).toBeGreaterThan(0);
      },
      { compactAfterBytes: 2_000 },
    );
    await withDb(dir, (db) => {
      expect(all(db, 'things')).toHaveLength(30);
      expect(db.count('things', { tick: 1 })).toBe(30);
    });
  });

  test('a data directory is opened by one database at a time', async () => {
    const dir = makeTempDir();
    const db = await LocalDatabase.open({ dataDir: dir });
    await expect(LocalDatabase.open({ dataDir: dir })).rejects.toThrow(/in use/);
    await db.close();
    await withDb(dir, () => undefined);
  });
});
