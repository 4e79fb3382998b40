import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { LocalDatabase } from './database';
import { call, closeAgent } from './testing/http';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

/**
 * Crash safety, for real: a child process runs the server while several clients write (inserts,
 * upserting $inc, transactions); the child is killed with SIGKILL in the middle of the load; the
 * data directory must then load, and hold every write that was acknowledged. Two rounds on the
 * same directory, with a small compaction threshold so snapshots are also being written.
 */

const REPO = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'testing', 'crashServer.ts');
const WRITERS = 6;

jest.setTimeout(30_000);
afterAll(() => {
  closeAgent();
  cleanupTempDirs();
});

function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(32 * 1024)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

interface Acks {
  inserted: string[];
  incAcked: number[];
  incSent: number[];
  txInserted: string[];
}

/** One client: writes until the server dies, recording what was acknowledged. */
async function writer(url: string, round: number, k: number, acks: Acks): Promise<void> {
  const ok = (reply: { code?: string }) => {
    if (reply.code) throw new Error(`unexpected error reply ${reply.code}`);
  };
  for (let i = 0; ; i++) {
    try {
      switch (i % 3) {
        case 0: {
          const id = `r${round}-w${k}-${i}`;
          ok(await call(url, 'insertDocument', { collectionName: 'load', data: [JSON.stringify({ _id: id, payload: 'x'.repeat(300), i })] }));
          acks.inserted.push(id);
          break;
        }
        case 1: {
          acks.incSent[k]++;
          const data = JSON.stringify({ $inc: { n: { $numberInt: '1' } } });
          ok(await call(url, 'modifyDocument', { collectionName: 'counters', query: JSON.stringify({ _id: `c${k}` }), queryType: 'DOC', data, merge: true, upsert: true }));
          acks.incAcked[k]++;
          break;
        }
        default: {
          const { transactionId } = await call(url, 'startTransaction');
          const id = `tx-r${round}-w${k}-${i}`;
          ok(await call(url, 'insertDocument', { collectionName: 'load', data: [JSON.stringify({ _id: id })], transactionId }));
          ok(await call(url, 'insertDocument', { collectionName: 'audit', data: [JSON.stringify({ _id: `${id}-audit` })], transactionId }));
          ok(await call(url, 'commitTransaction', { transactionId }));
          acks.txInserted.push(id);
        }
      }
    } catch (e) {
      if (/unexpected error reply/.test(String(e))) throw e;
      return; // the server is gone: this request was not acknowledged
    }
  }
}

test('kill -9 in the middle of a write load loses no acknowledged write and corrupts nothing', async () => {
  const dataDir = makeTempDir();
  const acks: Acks = { inserted: [], incAcked: Array(WRITERS).fill(0), incSent: Array(WRITERS).fill(0), txInserted: [] };
  for (let round = 0; round < 2; round++) {
    const { child, port } = await startChild(dataDir);
    const exited = new Promise((r) => child.once('exit', r));
    const url = `http://127.0.0.1:${port}/db/i/crash/admin`;
    const before = acks.inserted.length;
    const writers = Array.from({ length: WRITERS }, (_x, k) => writer(url, round, k, acks));
    // Kill once a good amount of work is acknowledged, while the writers are still going.
    const started = Date.now();
    while (acks.inserted.length - before < 100 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await Promise.all(writers);
    await exited;
    expect(acks.inserted.length - before).toBeGreaterThan(20); // the kill landed in the middle of real work

    const db = await LocalDatabase.open({ dataDir, autoCreateCollections: true });
    try {
      const present = new Set(allIds(db, 'load'));
      const missing = [...acks.inserted, ...acks.txInserted].filter((id) => !present.has(id));
      expect(missing).toEqual([]);
      const audits = new Set(allIds(db, 'audit'));
      expect(acks.txInserted.filter((id) => !audits.has(`${id}-audit`))).toEqual([]);
      // A transaction is all or nothing, even when the kill hit its commit.
      for (const id of audits) expect(present.has(id.replace(/-audit$/, ''))).toBe(true);
      for (let k = 0; k < WRITERS; k++) {
        const n = (db.find('counters', { query: { _id: `c${k}` } })[0]?.n as number | undefined) ?? 0;
        expect(n).toBeGreaterThanOrEqual(acks.incAcked[k]);
        expect(n).toBeLessThanOrEqual(acks.incSent[k]);
      }
    } finally {
      await db.close();
    }
  }
});

function allIds(db: LocalDatabase, collection: string): string[] {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = db.find(collection, { query: {}, order: { _id: 1 }, offset, limit: 1000, projection: { _id: 1 } });
    ids.push(...page.map((d) => String(d._id)));
    if (page.length < 1000) return ids;
  }
}
