/**
 * Contract suite: the database behaviours our code relies on, exercised through the real,
 * unmodified wx-server-sdk (via getDb(), the seam the actions use). If an SDK upgrade or a change
 * to the local database breaks one of them, this fails.
 *
 * Local (default): starts the local database server (scripts/localcloud/db) on a temporary
 * directory and points the SDK at it with environment variables only.
 *   npm run test:contract
 *
 * Against a real CloudBase environment:
 *   CONTRACT_TARGET=cloud CLOUDBASE_ENV_ID=<env id> TENCENTCLOUD_SECRETID=<id> TENCENTCLOUD_SECRETKEY=<key> \
 *     npm run test:contract
 *
 * The "strict emulator" block covers every rule of docs/cloudbase-emulation.md, so running it
 * against the cloud confirms (or refutes) each rule the local database enforces.
 * Then no local server is started; collections are named `contract_<run id>_<name>` (unique per
 * run) and created by the suite; their documents are removed at the end but the empty collections
 * stay (the SDK cannot drop collections — delete them in the console).
 *
 * Expectations marked "local only" check details of the emulator that the cloud need not share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Doc } from './db';
import { isCollectionAlreadyExists, isCollectionNotExist, isDuplicateKey, isTransactionConflict } from './dbErrors';
import { ensureSchema } from './schema';

const CLOUD = process.env.CONTRACT_TARGET === 'cloud';
const PREFIX = CLOUD ? `contract_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}_` : 'contract_';
const COLLECTIONS = ['docs', 'query', 'paging', 'update', 'orders', 'customers', 'tx', 'strict'] as const;
type Name = (typeof COLLECTIONS)[number];
const cname = (n: Name | 'never_created'): string => PREFIX + n;

jest.setTimeout(CLOUD ? 120_000 : 20_000);

/* eslint-disable @typescript-eslint/no-explicit-any */
// The full command set and result shapes (db.ts types only what the application uses).
let _: any;
let db: Database;
const coll = (n: Name | 'never_created'): any => db.collection(cname(n));
/* eslint-enable @typescript-eslint/no-explicit-any */

let closeServer: (() => Promise<void>) | undefined;
let dataDir: string | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (rows: Doc[]) => rows.map((r) => r._id);

beforeAll(async () => {
  if (CLOUD) {
    for (const k of ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY']) {
      if (!process.env[k]) throw new Error(`CONTRACT_TARGET=cloud needs ${k}`);
    }
    process.env.TCB_ENV = process.env.CLOUDBASE_ENV_ID; // what cloud.DYNAMIC_CURRENT_ENV resolves to
    delete process.env.TCB_CONTEXT_CNFG;
    delete process.env.TENCENTCLOUD; // would select CloudBase's internal endpoint
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'anxue-contract-'));
    // Required here, after deciding the target, so the SDK never sees a half-set environment.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const local = require('../../scripts/localcloud/db') as typeof import('../../scripts/localcloud/db');
    const server = await local.startDbServer({ dataDir });
    local.pointSdkAt(server.urlFor('contract'));
    closeServer = () => server.close();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  db = (require('./db') as typeof import('./db')).getDb();
  _ = db.command;
  // The same ensureSchema the bootstrap runs, over this run's own collections.
  await ensureSchema(db, { collections: COLLECTIONS.map(cname) as never, indexes: [] });
});

afterAll(async () => {
  if (CLOUD && db) {
    for (const n of COLLECTIONS) await coll(n).where({ _id: _.exists(true) }).remove().catch(() => undefined);
  }
  await closeServer?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('documents', () => {
  const sample = () => ({
    s: 'text',
    i: 42,
    f: 1.5,
    big: 2 ** 40,
    neg: -7,
    yes: true,
    nothing: null,
    at: new Date('2026-01-02T03:04:05.678Z'),
    list: [1, 'two', { three: 3 }],
    nested: { a: { b: 'c' } },
  });

  test('add() stores a document and returns a generated _id; doc().get() reads it back with its types', async () => {
    const res = await coll('docs').add({ data: sample() });
    expect(typeof res._id).toBe('string');
    expect(res._id.length).toBeGreaterThan(0);
    if (!CLOUD) expect(res._id).toMatch(/^[0-9a-f]{32}$/); // local only: CloudBase's id shape
    const got = (await coll('docs').doc(res._id).get()).data;
    expect(got).toEqual({ _id: res._id, ...sample() });
    expect(got.at).toBeInstanceOf(Date);
  });

  test('add() with an explicit _id; adding that _id again fails and keeps the first', async () => {
    await coll('docs').add({ data: { _id: 'fixed-1', v: 1 } });
    await expect(coll('docs').add({ data: { _id: 'fixed-1', v: 2 } })).rejects.toThrow();
    expect((await coll('docs').doc('fixed-1').get()).data.v).toBe(1);
  });

  test('add() of an array inserts every document and returns their ids as _ids', async () => {
    const res = await coll('docs').add({ data: [{ batch: 'b1', n: 1 }, { batch: 'b1', n: 2 }, { _id: 'batch-3', batch: 'b1', n: 3 }] });
    expect(res._ids).toHaveLength(3);
    expect(res._ids[2]).toBe('batch-3');
    expect((await coll('docs').where({ batch: 'b1' }).count()).total).toBe(3);
  });

  test('doc().get() of a missing id answers data: null (getDb sets throwOnNotFound: false)', async () => {
    expect((await coll('docs').doc('no-such-id').get()).data).toBeNull();
  });

  test('doc().set() creates, then replaces the whole document (keeping _id)', async () => {
    const created = await coll('docs').doc('set-1').set({ data: { a: 1, b: { c: 2 } } });
    expect(created._id).toBe('set-1');
    expect(created.stats.created).toBe(1);
    const replaced = await coll('docs').doc('set-1').set({ data: { a: 2 } });
    expect(replaced.stats.updated).toBe(1);
    expect(replaced.stats.created).toBe(0);
    expect((await coll('docs').doc('set-1').get()).data).toEqual({ _id: 'set-1', a: 2 });
  });

  test('doc().update() merges nested objects; updating a missing id updates nothing', async () => {
    await coll('docs').add({ data: { _id: 'upd-1', a: 1, o: { x: 1, y: 1 } } });
    const res = await coll('docs').doc('upd-1').update({ data: { a: 2, o: { y: 2, z: 3 } } });
    expect(res.stats.updated).toBe(1);
    expect((await coll('docs').doc('upd-1').get()).data).toEqual({ _id: 'upd-1', a: 2, o: { x: 1, y: 2, z: 3 } });
    expect((await coll('docs').doc('no-such-id').update({ data: { a: 1 } })).stats.updated).toBe(0);
  });

  test('an update that changes nothing reports updated: 0 (modified, not matched, documents)', async () => {
    await coll('docs').add({ data: { _id: 'same-1', a: 1 } });
    expect((await coll('docs').doc('same-1').update({ data: { a: 1 } })).stats.updated).toBe(0);
  });

  test('where({ _id, version }).update() is a compare-and-set: it applies once', async () => {
    await coll('docs').add({ data: { _id: 'cas-1', version: 1, state: 'a' } });
    const first = await coll('docs').where({ _id: 'cas-1', version: 1 }).update({ data: { version: 2, state: 'b' } });
    const second = await coll('docs').where({ _id: 'cas-1', version: 1 }).update({ data: { version: 2, state: 'c' } });
    expect([first.stats.updated, second.stats.updated]).toEqual([1, 0]);
    expect((await coll('docs').doc('cas-1').get()).data.state).toBe('b');
  });

  test('doc().remove() deletes the document', async () => {
    await coll('docs').add({ data: { _id: 'rm-1' } });
    expect((await coll('docs').doc('rm-1').remove()).stats.removed).toBe(1);
    expect((await coll('docs').doc('rm-1').get()).data).toBeNull();
  });
});

describe('queries', () => {
  const people = [
    { _id: 'p1', name: 'Alice', age: 30, city: 'Hangzhou', tags: ['a', 'b'], addr: { zip: '310000', street: 'West Lake Rd' }, joined: new Date('2024-01-01T00:00:00Z'), vip: true, pets: [{ kind: 'cat', age: 3 }] },
    { _id: 'p2', name: 'bob', age: 25, city: 'Ningbo', tags: ['b'], addr: { zip: '315000' }, joined: new Date('2024-06-01T00:00:00Z'), vip: false, pets: [] },
    { _id: 'p3', name: 'Carol', age: 35, city: 'Hangzhou', tags: ['c', 'a', 'b'], addr: { zip: '310012' }, joined: new Date('2025-01-01T00:00:00Z'), pets: [{ kind: 'dog', age: 5 }, { kind: 'cat', age: 1 }] },
    { _id: 'p4', name: 'Dave', age: 25, city: 'Hangzhou', tags: [], addr: { zip: '310000' }, joined: new Date('2025-06-01T00:00:00Z'), vip: true, note: 'x' },
    { _id: 'p5', name: 'alan', age: 41, city: 'Wenzhou', tags: ['a'], addr: { zip: '325000' }, joined: new Date('2023-01-01T00:00:00Z'), vip: false },
  ];
  const where = async (cond: unknown): Promise<string[]> =>
    ids((await coll('query').where(cond).orderBy('_id', 'asc').get()).data).map(String);

  beforeAll(async () => {
    await coll('query').add({ data: people });
  });

  test('comparison operators: eq neq gt gte lt lte in nin', async () => {
    expect(await where({ age: _.eq(25) })).toEqual(['p2', 'p4']);
    expect(await where({ age: 25 })).toEqual(['p2', 'p4']);
    expect(await where({ city: _.neq('Hangzhou') })).toEqual(['p2', 'p5']);
    expect(await where({ age: _.gt(30) })).toEqual(['p3', 'p5']);
    expect(await where({ age: _.gte(30) })).toEqual(['p1', 'p3', 'p5']);
    expect(await where({ age: _.lt(30) })).toEqual(['p2', 'p4']);
    expect(await where({ age: _.lte(30) })).toEqual(['p1', 'p2', 'p4']);
    expect(await where({ age: _.gt(24).and(_.lt(31)) })).toEqual(['p1', 'p2', 'p4']);
    expect(await where({ city: _.in(['Ningbo', 'Wenzhou']) })).toEqual(['p2', 'p5']);
    expect(await where({ city: _.nin(['Hangzhou', 'Ningbo']) })).toEqual(['p5']);
    expect(await where({ joined: _.gte(new Date('2025-01-01T00:00:00Z')) })).toEqual(['p3', 'p4']);
  });

  test('logic operators: and, or, not, several fields at once', async () => {
    expect(await where(_.and([{ city: 'Hangzhou' }, { age: _.lt(32) }]))).toEqual(['p1', 'p4']);
    expect(await where(_.or([{ age: _.gt(40) }, { city: 'Ningbo' }]))).toEqual(['p2', 'p5']);
    expect(await where({ age: _.or(_.lt(26), _.gt(40)) })).toEqual(['p2', 'p4', 'p5']);
    expect(await where({ age: _.not(_.gt(30)) })).toEqual(['p1', 'p2', 'p4']);
    expect(await where({ city: 'Hangzhou', vip: true })).toEqual(['p1', 'p4']);
  });

  test('exists: present and absent fields', async () => {
    expect(await where({ note: _.exists(true) })).toEqual(['p4']);
    expect(await where({ vip: _.exists(false) })).toEqual(['p3']);
  });

  test('regular expressions: db.RegExp (with options) and a JS RegExp', async () => {
    expect(await where({ name: db.RegExp({ regexp: '^al', options: 'i' }) })).toEqual(['p1', 'p5']);
    expect(await where({ name: db.RegExp({ regexp: '^al' }) })).toEqual(['p5']);
    expect(await where({ name: /^A/ })).toEqual(['p1']);
    expect(await where({ 'addr.street': /lake/i })).toEqual(['p1']);
  });

  test('nested fields: dotted path and nested object match the same documents', async () => {
    expect(await where({ 'addr.zip': '310000' })).toEqual(['p1', 'p4']);
    expect(await where({ addr: { zip: '310000' } })).toEqual(['p1', 'p4']);
    expect(await where({ 'pets.kind': 'dog' })).toEqual(['p3']);
  });

  test('arrays: element match, all, elemMatch, size, in', async () => {
    expect(await where({ tags: 'a' })).toEqual(['p1', 'p3', 'p5']);
    expect(await where({ tags: _.all(['a', 'b']) })).toEqual(['p1', 'p3']);
    expect(await where({ tags: _.in(['c']) })).toEqual(['p3']);
    expect(await where({ tags: _.size(0) })).toEqual(['p4']);
    expect(await where({ pets: _.elemMatch({ kind: 'cat', age: _.gte(2) }) })).toEqual(['p1']);
  });

  test('orderBy on several fields, skip, limit and field projection', async () => {
    const res = await coll('query').where({}).orderBy('age', 'asc').orderBy('name', 'desc').skip(1).limit(3).field({ name: true, age: true }).get();
    // age 25: 'bob' sorts after 'Dave' (binary order: lowercase after uppercase), so desc puts bob first.
    expect(res.data).toEqual([
      { _id: 'p4', name: 'Dave', age: 25 },
      { _id: 'p1', name: 'Alice', age: 30 },
      { _id: 'p3', name: 'Carol', age: 35 },
    ]);
    const desc = await coll('query').orderBy('city', 'desc').orderBy('joined', 'asc').get();
    expect(ids(desc.data)).toEqual(['p5', 'p2', 'p1', 'p3', 'p4']);
  });

  test('count() with and without a condition', async () => {
    expect((await coll('query').count()).total).toBe(5);
    expect((await coll('query').where({ city: 'Hangzhou' }).count()).total).toBe(3);
  });
});

describe('paging limits', () => {
  beforeAll(async () => {
    for (let b = 0; b < 3; b++) {
      const batch = Array.from({ length: 367 }, (_x, i) => ({ _id: `row-${String(b * 367 + i).padStart(4, '0')}`, n: b * 367 + i }));
      await coll('paging').add({ data: batch });
    }
  });

  test('get() without limit returns 100; limit is capped at 1000', async () => {
    expect((await coll('paging').get()).data).toHaveLength(100);
    expect((await coll('paging').limit(1000).get()).data).toHaveLength(1000);
    expect((await coll('paging').limit(5000).get()).data).toHaveLength(1000);
    expect((await coll('paging').count()).total).toBe(1101);
  });

  test('paging with orderBy + skip + limit visits every document once', async () => {
    const seen: number[] = [];
    for (let page = 0; ; page++) {
      const rows = (await coll('paging').orderBy('n', 'desc').skip(page * 400).limit(400).get()).data as Doc[];
      seen.push(...rows.map((r) => r.n as number));
      if (rows.length < 400) break;
    }
    expect(seen).toHaveLength(1101);
    expect(seen[0]).toBe(1100);
    expect(new Set(seen).size).toBe(1101);
  });
});

describe('update operators', () => {
  const doc = async (id: string) => (await coll('update').doc(id).get()).data;

  test('inc, mul, min, max, set, remove', async () => {
    await coll('update').add({ data: { _id: 'u1', n: 10, m: 3, lo: 5, hi: 5, obj: { a: 1, b: 2 }, gone: 'x' } });
    await coll('update').doc('u1').update({ data: { n: _.inc(-3), m: _.mul(4), lo: _.min(2), hi: _.max(9), obj: _.set({ c: 3 }), gone: _.remove() } });
    expect(await doc('u1')).toEqual({ _id: 'u1', n: 7, m: 12, lo: 2, hi: 9, obj: { c: 3 } });
    await coll('update').doc('u1').update({ data: { lo: _.min(4), hi: _.max(1), fresh: _.inc(1) } });
    expect(await doc('u1')).toMatchObject({ lo: 2, hi: 9, fresh: 1 });
  });

  test('push, pull, addToSet, pop, shift, unshift', async () => {
    await coll('update').add({ data: { _id: 'u2', xs: [1, 2, 3], set: ['a'], objs: [{ k: 1 }, { k: 2 }, { k: 3 }] } });
    await coll('update').doc('u2').update({ data: { xs: _.push(4, 5), set: _.addToSet('a') } });
    expect(await doc('u2')).toMatchObject({ xs: [1, 2, 3, 4, 5], set: ['a'] });
    await coll('update').doc('u2').update({ data: { xs: _.pull(3), set: _.addToSet('b'), objs: _.pull({ k: _.gte(2) }) } });
    expect(await doc('u2')).toMatchObject({ xs: [1, 2, 4, 5], set: ['a', 'b'], objs: [{ k: 1 }] });
    await coll('update').doc('u2').update({ data: { xs: _.pop() } });
    await coll('update').doc('u2').update({ data: { xs: _.shift() } });
    await coll('update').doc('u2').update({ data: { xs: _.unshift(0) } });
    expect((await doc('u2')).xs).toEqual([0, 2, 4]);
  });

  test('where().update() updates every match; where().remove() removes every match', async () => {
    await coll('update').add({ data: [{ g: 'grp', v: 1 }, { g: 'grp', v: 2 }, { g: 'grp', v: 3 }, { g: 'other', v: 4 }] });
    expect((await coll('update').where({ g: 'grp' }).update({ data: { flagged: true } })).stats.updated).toBe(3);
    expect((await coll('update').where({ flagged: true }).count()).total).toBe(3);
    expect((await coll('update').where({ g: 'grp', v: _.gte(2) }).remove()).stats.removed).toBe(2);
    expect((await coll('update').where({ g: _.in(['grp', 'other']) }).count()).total).toBe(2);
  });
});

describe('server date and dates', () => {
  const tolerance = CLOUD ? 5 * 60_000 : 2_000;

  test('db.serverDate() is stored as the server time (plus offset), in add and update', async () => {
    const before = Date.now();
    const { _id } = await coll('docs').add({ data: { at: db.serverDate(), nested: { at: db.serverDate() } } });
    const got = (await coll('docs').doc(_id).get()).data;
    expect(got.at).toBeInstanceOf(Date);
    expect(Math.abs(got.at.getTime() - before)).toBeLessThan(tolerance);
    expect(got.nested.at).toBeInstanceOf(Date);
    await coll('docs').doc(_id).update({ data: { later: db.serverDate({ offset: 3_600_000 }) } });
    const later = (await coll('docs').doc(_id).get()).data.later as Date;
    expect(Math.abs(later.getTime() - (before + 3_600_000))).toBeLessThan(tolerance);
  });

  test('Dates round-trip and compare in queries', async () => {
    const d = new Date('2030-05-06T07:08:09.010Z');
    await coll('docs').add({ data: { _id: 'date-1', d, ds: [d] } });
    expect((await coll('docs').doc('date-1').get()).data.d.getTime()).toBe(d.getTime());
    expect(ids((await coll('docs').where({ d }).get()).data)).toEqual(['date-1']);
  });
});

describe('aggregate', () => {
  beforeAll(async () => {
    await coll('customers').add({ data: [{ _id: 'c1', name: 'Acme' }, { _id: 'c2', name: 'Bolt' }, { _id: 'c3', name: 'Core' }] });
    await coll('orders').add({
      data: [
        { _id: 'o1', customer: 'c1', amount: 10, status: 'paid', items: ['x', 'y'] },
        { _id: 'o2', customer: 'c1', amount: 15, status: 'paid', items: ['x'] },
        { _id: 'o3', customer: 'c2', amount: 7, status: 'paid', items: [] },
        { _id: 'o4', customer: 'c3', amount: 30, status: 'open', items: ['z'] },
        { _id: 'o5', customer: 'c2', amount: 1, status: 'paid', items: ['y'] },
      ],
    });
  });

  test('match, group, sort, limit', async () => {
    const $ = _.aggregate;
    const res = await coll('orders').aggregate().match({ status: 'paid' }).group({ _id: '$customer', total: $.sum('$amount'), n: $.sum(1) }).sort({ total: -1 }).limit(1).end();
    expect(res.list).toEqual([{ _id: 'c1', total: 25, n: 2 }]);
  });

  test('lookup, unwind, project', async () => {
    const res = await coll('orders')
      .aggregate()
      .match({ amount: _.gte(10) })
      .lookup({ from: cname('customers'), localField: 'customer', foreignField: '_id', as: 'cust' })
      .unwind('$cust')
      .project({ _id: 0, order: '$_id', name: '$cust.name', amount: 1 })
      .sort({ amount: 1 })
      .end();
    expect(res.list).toEqual([
      { order: 'o1', name: 'Acme', amount: 10 },
      { order: 'o2', name: 'Acme', amount: 15 },
      { order: 'o4', name: 'Core', amount: 30 },
    ]);
  });

  test('unwind of an array field, then count', async () => {
    const res = await coll('orders').aggregate().unwind('$items').match({ items: 'x' }).count('n').end();
    expect(res.list).toEqual([{ n: 2 }]);
  });
});

describe('transactions', () => {
  const read = async (id: string) => (await coll('tx').doc(id).get()).data;

  test('runTransaction commits all writes and returns the callback result', async () => {
    await coll('tx').add({ data: [{ _id: 'acct-a', balance: 100 }, { _id: 'acct-b', balance: 0 }] });
    /* eslint-disable @typescript-eslint/no-explicit-any */
    const result = await db.runTransaction(async (t: any) => {
      const a = (await t.collection(cname('tx')).doc('acct-a').get()).data;
      await t.collection(cname('tx')).doc('acct-a').update({ data: { balance: a.balance - 30 } });
      await t.collection(cname('tx')).doc('acct-b').update({ data: { balance: _.inc(30) } });
      await t.collection(cname('tx')).add({ data: { _id: 'transfer-1', amount: 30 } });
      await t.collection(cname('tx')).doc('receipt-1').set({ data: { ok: true } });
      return 'moved';
    });
    expect(result).toBe('moved');
    expect([(await read('acct-a')).balance, (await read('acct-b')).balance]).toEqual([70, 30]);
    expect((await read('transfer-1')).amount).toBe(30);
    expect((await read('receipt-1')).ok).toBe(true);
  });

  test('a throwing callback rolls back every write and rethrows', async () => {
    await coll('tx').add({ data: { _id: 'rb-1', v: 1 } });
    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection(cname('tx')).doc('rb-1').update({ data: { v: 2 } });
        await t.collection(cname('tx')).add({ data: { _id: 'rb-new' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await read('rb-1')).v).toBe(1);
    expect((await coll('tx').doc('rb-new').get()).data).toBeNull();
  });

  test('transaction.rollback(reason) discards writes and rejects with the reason', async () => {
    await coll('tx').add({ data: { _id: 'rb-2', v: 1 } });
    await expect(
      db.runTransaction(async (t: any) => {
        await t.collection(cname('tx')).doc('rb-2').update({ data: { v: 2 } });
        await t.rollback('changed my mind');
      }),
    ).rejects.toBe('changed my mind');
    expect((await read('rb-2')).v).toBe(1);
  });

  test('reads inside a transaction see its own writes; others see them only after commit', async () => {
    await coll('tx').add({ data: { _id: 'ryw-1', v: 1 } });
    let outsideDuring: unknown;
    await db.runTransaction(async (t: any) => {
      await t.collection(cname('tx')).doc('ryw-1').update({ data: { v: 2 } });
      expect((await t.collection(cname('tx')).doc('ryw-1').get()).data.v).toBe(2);
      await t.collection(cname('tx')).doc('ryw-1').remove();
      expect((await t.collection(cname('tx')).doc('ryw-1').get()).data).toBeNull();
      await t.collection(cname('tx')).doc('ryw-1').set({ data: { v: 3 } });
      outsideDuring = (await read('ryw-1')).v;
    });
    expect(outsideDuring).toBe(1);
    expect((await read('ryw-1')).v).toBe(3);
  });

  test('two concurrent transactions on one counter: the conflict is retried and both increments land', async () => {
    await coll('tx').add({ data: { _id: 'counter', n: 0 } });
    let attempts = 0;
    const increment = () =>
      db.runTransaction(async (t: any) => {
        attempts++;
        const { n } = (await t.collection(cname('tx')).doc('counter').get()).data;
        await sleep(CLOUD ? 300 : 30); // make sure the two overlap
        await t.collection(cname('tx')).doc('counter').update({ data: { n: n + 1 } });
        return n + 1;
      });
    const results = await Promise.all([increment(), increment()]);
    expect(results.sort()).toEqual([1, 2]);
    expect((await read('counter')).n).toBe(2);
    expect(attempts).toBeGreaterThanOrEqual(3); // at least one retry: the conflict surfaced and was retried
  });
  /* eslint-enable @typescript-eslint/no-explicit-any */
});

describe('errors', () => {
  test('reading a collection that does not exist fails with DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    await expect(coll('never_created').get()).rejects.toMatchObject({ errCode: -502005 });
  });

  test('createCollection() of an existing collection fails with a code ensureSchema recognises', async () => {
    const e = await db.createCollection(cname('docs')).then(() => undefined, (err: unknown) => err);
    expect(isCollectionAlreadyExists(e)).toBe(true);
    await expect(ensureSchema(db, { collections: [cname('docs')] as never, indexes: [] })).resolves.toEqual({ created: [], existing: [cname('docs')] });
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('strict emulator (docs/cloudbase-emulation.md)', () => {
  const S = () => coll('strict');

  test('rule 1: writing a collection that was not created fails too (-502005); nothing is auto-created', async () => {
    for (const write of [
      () => coll('never_created').add({ data: { a: 1 } }),
      () => coll('never_created').doc('x').set({ data: { a: 1 } }),
      () => coll('never_created').where({ a: 1 }).update({ data: { b: 1 } }),
      () => coll('never_created').aggregate().match({}).end(),
    ]) {
      const e = await write().then(() => undefined, (err: unknown) => err);
      expect(isCollectionNotExist(e)).toBe(true);
    }
    await expect(coll('never_created').count()).rejects.toMatchObject({ errCode: -502005 });
  });

  test('rule 2: an aggregation without .limit() answers at most 20 results', async () => {
    await S().add({ data: Array.from({ length: 25 }, (_x, i) => ({ _id: `agg-${i}`, kind: 'agg', i })) });
    expect((await S().aggregate().match({ kind: 'agg' }).end()).list).toHaveLength(20);
    expect((await S().aggregate().match({ kind: 'agg' }).limit(100).end()).list).toHaveLength(25);
  });

  test('rule 3: an update operator that does not fit the field type is an error, and writes nothing', async () => {
    await S().add({ data: { _id: 'typed', s: 'text', n: 1 } });
    const refused = async (data: object, mongoText: string) => {
      const e: any = await S().doc('typed').update({ data }).then(() => undefined, (err: unknown) => err);
      expect(e).toBeDefined();
      if (!CLOUD) expect(e).toMatchObject({ errCode: -502001, errMsg: expect.stringContaining(mongoText) }); // local only: exact text
    };
    await refused({ s: _.inc(1) }, '[14 TypeMismatch] Cannot apply $inc to a value of non-numeric type');
    await refused({ n: _.push(2) }, "[2 BadValue] The field 'n' must be an array but is of type int");
    await refused({ 'n.b': 1 }, "[28 PathNotViable] Cannot create field 'b' in element {n: 1}");
    expect((await S().doc('typed').get()).data).toEqual({ _id: 'typed', s: 'text', n: 1 });
  });

  test('rule 4: a write–write conflict surfaces at the write; the error keeps a code the app retries by', async () => {
    await S().add({ data: { _id: 'ww', n: 0 } });
    let wrote!: () => void;
    let release!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const gate = new Promise<void>((r) => (release = r));
    const first = db.runTransaction(async (t: any) => {
      await t.collection(cname('strict')).doc('ww').update({ data: { n: _.inc(1) } });
      wrote();
      await gate;
    });
    await written;
    let secondReachedWrite = false;
    const second = await db
      .runTransaction(async (t: any) => {
        secondReachedWrite = true;
        await t.collection(cname('strict')).doc('ww').update({ data: { n: _.inc(10) } });
        return 'wrote';
      }, 1) // one attempt: no application retry, so the conflict itself comes back
      .then((v) => v, (err: unknown) => err);
    release();
    await first;
    expect(secondReachedWrite).toBe(true);
    expect(isTransactionConflict(second)).toBe(true);
    if (!CLOUD) expect(second).toMatchObject({ errCode: -501001 }); // local only: wx-server-sdk dropped the code
    expect((await S().doc('ww').get()).data.n).toBe(1);
    // With the application-level retry (the default), both increments land.
    await Promise.all([
      db.runTransaction(async (t: any) => t.collection(cname('strict')).doc('ww').update({ data: { n: _.inc(1) } })),
      db.runTransaction(async (t: any) => t.collection(cname('strict')).doc('ww').update({ data: { n: _.inc(1) } })),
    ]);
    expect((await S().doc('ww').get()).data.n).toBe(3);
  });

  test('rule 5: an array add() that hits a duplicate keeps the documents before it (ordered insert) and reports E11000', async () => {
    await S().add({ data: { _id: 'dup-b' } });
    const e = await S()
      .add({ data: [{ _id: 'dup-a1' }, { _id: 'dup-a2' }, { _id: 'dup-b', v: 2 }, { _id: 'dup-a3' }] })
      .then(() => undefined, (err: unknown) => err);
    expect(isDuplicateKey(e)).toBe(true);
    const ids = (await S().where({ _id: _.in(['dup-a1', 'dup-a2', 'dup-b', 'dup-a3']) }).get()).data.map((d: Doc) => d._id).sort();
    expect(ids).toEqual(['dup-a1', 'dup-a2', 'dup-b']);
    expect((await S().doc('dup-b').get()).data).toEqual({ _id: 'dup-b' });
  });

  test('rule 6: duplicate key and missing collection are told apart by code', async () => {
    await S().add({ data: { _id: 'once' } });
    const dup = await S().add({ data: { _id: 'once' } }).then(() => undefined, (err: unknown) => err);
    const missing = await coll('never_created').add({ data: { _id: 'once' } }).then(() => undefined, (err: unknown) => err);
    expect([isDuplicateKey(dup), isCollectionNotExist(dup)]).toEqual([true, false]);
    expect([isDuplicateKey(missing), isCollectionNotExist(missing)]).toEqual([false, true]);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */
