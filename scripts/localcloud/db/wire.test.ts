import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalDatabase } from './database';
import { createDbHandler, startDbServer, type DbServer } from './server';
import { call, closeAgent, request } from './testing/http';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

/** The wire protocol spoken directly over HTTP: shapes, limits, EJSON, validation, counting. */

let server: DbServer;
let url: string;

beforeAll(async () => {
  server = await startDbServer({ dataDir: makeTempDir() });
  url = server.urlFor('wire');
  // Strict as CloudBase: collections exist only once created.
  for (const name of ['w_agg', 'w_basic', 'w_big', 'w_date', 'w_modify', 'w_names', 'w_paging', 'w_proto', 'w_return', 'w_tx', 'w_types']) await server.db.addCollection(name);
});

afterAll(async () => {
  closeAgent();
  await server.close();
  cleanupTempDirs();
});

const ejson = (v: unknown) => JSON.stringify(v);

describe('wire protocol', () => {
  test('unknown or missing actions get an error reply { code, message } with HTTP 200', async () => {
    expect(await call(url, 'dropDatabase')).toMatchObject({ code: 'INVALID_ACTION', message: expect.any(String), requestId: expect.any(String) });
    const res = await request(url, 'POST', '{"nothing":1}');
    expect(res.status).toBe(200);
    expect(res.body.code).toBe('INVALID_ACTION');
    expect((await request(url, 'POST', 'not json')).body.code).toBe('INVALID_PARAM');
  });

  test('insert returns insertedIds (generated ids are 32 hex chars); get returns data.list as EJSON strings', async () => {
    const res = await call(url, 'insertDocument', { collectionName: 'w_basic', data: [ejson({ a: { $numberInt: '1' } }), ejson({ _id: 'mine' })] });
    expect(res.data.insertedIds).toHaveLength(2);
    expect(res.data.insertedIds[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(res.data.insertedIds[1]).toBe('mine');
    const got = await call(url, 'getDocument', { collectionName: 'w_basic', query: ejson({ _id: 'mine' }), queryType: 'DOC' });
    expect(got.data.list).toEqual(['{"_id":"mine"}']);
  });

  test('numbers (Int, Double, 64-bit Long), Dates and regexes round-trip in canonical EJSON', async () => {
    const doc = {
      _id: 'types',
      i: { $numberInt: '7' },
      d: { $numberDouble: '1.5' },
      l: { $numberLong: '9007199254740993' },
      at: { $date: { $numberLong: '1700000000000' } },
      re: { $regularExpression: { pattern: 'a.c', options: 'i' } },
    };
    await call(url, 'insertDocument', { collectionName: 'w_types', data: [ejson(doc)] });
    const got = await call(url, 'getDocument', { collectionName: 'w_types', query: ejson({ _id: 'types' }), queryType: 'DOC' });
    expect(JSON.parse(got.data.list[0])).toEqual(doc);
    const byDate = await call(url, 'calculateDocument', { collectionName: 'w_types', query: ejson({ at: { $gte: { $date: { $numberLong: '1700000000000' } } } }) });
    expect(byDate.data.total).toBe(1);
  });

  test('server-side paging: limit defaults to 100 and is capped at 1000', async () => {
    const docs = Array.from({ length: 1200 }, (_x, i) => ejson({ i: { $numberInt: String(i) } }));
    await call(url, 'insertDocument', { collectionName: 'w_paging', data: docs });
    const noLimit = await call(url, 'getDocument', { collectionName: 'w_paging', queryType: 'WHERE' });
    expect(noLimit.data.list).toHaveLength(100);
    const big = await call(url, 'getDocument', { collectionName: 'w_paging', queryType: 'WHERE', limit: 5000 });
    expect(big.data.list).toHaveLength(1000);
    const page = await call(url, 'getDocument', { collectionName: 'w_paging', queryType: 'WHERE', order: ejson({ i: { $numberInt: '-1' } }), offset: 10, limit: 2 });
    expect(page.data.list.map((s: string) => JSON.parse(s).i)).toEqual([{ $numberInt: '1189' }, { $numberInt: '1188' }]);
  });

  test('modifyDocument: merge, replace (set), multi, upsert with upsert_id', async () => {
    const c = 'w_modify';
    await call(url, 'insertDocument', { collectionName: c, data: [ejson({ _id: 'm1', a: 1, b: 1 }), ejson({ _id: 'm2', a: 1 })] });
    const merged = await call(url, 'modifyDocument', { collectionName: c, query: ejson({ _id: 'm1' }), queryType: 'DOC', data: ejson({ $set: { b: 2 } }), merge: true, multi: false, upsert: false });
    expect(merged.data).toEqual({ updated: 1 });
    const replaced = await call(url, 'modifyDocument', { collectionName: c, query: ejson({ _id: 'm1' }), queryType: 'DOC', data: ejson({ c: 3 }), merge: false, multi: false, upsert: true });
    expect(replaced.data).toEqual({ updated: 1 });
    const one = await call(url, 'modifyDocument', { collectionName: c, query: ejson({ a: 1 }), queryType: 'WHERE', data: ejson({ $set: { x: 1 } }), multi: false, merge: true });
    expect(one.data.updated).toBe(1);
    const upserted = await call(url, 'modifyDocument', { collectionName: c, query: ejson({ k: 'v', n: { $gt: 1 } }), queryType: 'WHERE', data: ejson({ $set: { y: 1 }, $setOnInsert: { fresh: true } }), multi: true, merge: true, upsert: true });
    expect(upserted.data.updated).toBe(0);
    const doc = await call(url, 'getDocument', { collectionName: c, query: ejson({ _id: upserted.data.upsert_id }), queryType: 'DOC' });
    expect(JSON.parse(doc.data.list[0])).toEqual({ _id: upserted.data.upsert_id, k: 'v', y: { $numberInt: '1' }, fresh: true });
    const both = await call(url, 'getDocument', { collectionName: c, query: ejson({ _id: { $in: ['m1', 'm2'] } }), order: ejson({ _id: 1 }), limit: 10 });
    expect(both.data.list.map((s: string) => JSON.parse(s))).toEqual([
      { _id: 'm1', c: { $numberInt: '3' } }, // replaced
      { _id: 'm2', a: { $numberInt: '1' }, x: { $numberInt: '1' } }, // the one document multi: false updated
    ]);
  });

  test('modifyAndReturnDoc returns the post-image; removeDocument (alias deleteDocument) reports deleted', async () => {
    const c = 'w_return';
    await call(url, 'insertDocument', { collectionName: c, data: [ejson({ _id: 'r1', n: 1 }), ejson({ _id: 'r2', n: 1 })] });
    const res = await call(url, 'modifyAndReturnDoc', { collectionName: c, query: ejson({ _id: 'r1' }), queryType: 'WHERE', data: ejson({ $inc: { n: 1 } }) });
    expect(res.data.updated).toBe(1);
    expect(JSON.parse(res.data.doc)).toEqual({ _id: 'r1', n: { $numberInt: '2' } });
    expect((await call(url, 'removeDocument', { collectionName: c, query: ejson({ _id: 'r1' }), queryType: 'DOC' })).data.deleted).toBe(1);
    expect((await call(url, 'deleteDocument', { collectionName: c, query: ejson({ n: 1 }), queryType: 'WHERE', multi: true })).data.deleted).toBe(1);
  });

  test('aggregateDocuments takes { stageKey, stageValue } stages; writing stages and scripts are refused', async () => {
    const c = 'w_agg';
    await call(url, 'insertDocument', { collectionName: c, data: [ejson({ g: 'x', v: 1 }), ejson({ g: 'x', v: 2 }), ejson({ g: 'y', v: 5 })] });
    const stages = [
      { stageKey: '$group', stageValue: ejson({ _id: '$g', s: { $sum: '$v' } }) },
      { stageKey: '$sort', stageValue: ejson({ _id: 1 }) },
    ];
    const res = await call(url, 'aggregateDocuments', { collectionName: c, stages });
    expect(res.data.list.map((s: string) => JSON.parse(s))).toEqual([
      { _id: 'x', s: { $numberInt: '3' } },
      { _id: 'y', s: { $numberInt: '5' } },
    ]);
    expect((await call(url, 'aggregateDocument', { collectionName: c, stages: [{ stageKey: '$out', stageValue: '"other"' }] })).code).toBe('INVALID_PARAM');
    expect((await call(url, 'getDocument', { collectionName: c, query: ejson({ $where: 'this.v > 1' }) })).code).toBe('DATABASE_REQUEST_FAILED');
  });

  test('db.serverDate() markers become the server time anywhere in a document or update', async () => {
    const marker = { $tcb_server_date: { offset: { $numberInt: '1000' } } };
    const before = Date.now();
    await call(url, 'insertDocument', { collectionName: 'w_date', data: [ejson({ _id: 's', list: [marker], o: { at: marker } })] });
    await call(url, 'modifyDocument', { collectionName: 'w_date', query: ejson({ _id: 's' }), queryType: 'DOC', data: ejson({ $push: { list: marker } }), merge: true });
    const [doc] = server.db.find('w_date', { query: { _id: 's' } }) as { list: Date[]; o: { at: Date } }[];
    expect(doc.list).toHaveLength(2);
    for (const d of [...doc.list, doc.o.at]) expect(Math.abs(d.getTime() - (before + 1000))).toBeLessThan(2000);
  });

  test('prototype-polluting keys are rejected in documents, queries and updates', async () => {
    const bad = [
      { collectionName: 'w_proto', data: ['{"__proto__":{"polluted":true}}'] },
      { collectionName: 'w_proto', data: ['{"a":{"constructor":{"prototype":{"polluted":true}}}}'] },
    ];
    for (const p of bad) expect((await call(url, 'insertDocument', p)).code).toBe('INVALID_PARAM');
    await call(url, 'insertDocument', { collectionName: 'w_proto', data: ['{"_id":"ok"}'] });
    expect((await call(url, 'getDocument', { collectionName: 'w_proto', query: '{"__proto__":{"x":1}}' })).code).toBe('INVALID_PARAM');
    expect((await call(url, 'modifyDocument', { collectionName: 'w_proto', query: '{"_id":"ok"}', data: '{"$set":{"__proto__.polluted":true}}', merge: true })).code).toBe('INVALID_PARAM');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('field names starting with $ or containing . are rejected', async () => {
    for (const doc of [{ $bad: 1 }, { a: { $b: 1 } }, { 'a.b': 1 }]) {
      expect((await call(url, 'insertDocument', { collectionName: 'w_names', data: [ejson(doc)] })).code).toBe('INVALID_PARAM');
    }
    await call(url, 'insertDocument', { collectionName: 'w_names', data: [ejson({ _id: 'n' })] });
    expect((await call(url, 'modifyDocument', { collectionName: 'w_names', query: ejson({ _id: 'n' }), data: ejson({ $set: { x: { $y: 1 } } }), merge: true })).code).toBe('INVALID_PARAM');
  });

  test('collections: reads and writes of a missing one fail; addCollection fails if it exists', async () => {
    expect((await call(url, 'getDocument', { collectionName: 'w_missing', queryType: 'WHERE' })).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await call(url, 'modifyDocument', { collectionName: 'w_missing', query: '{}', data: '{"$set":{"a":1}}', multi: true })).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await call(url, 'insertDocument', { collectionName: 'w_missing', data: [ejson({ a: 1 })] })).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await call(url, 'modifyDocument', { collectionName: 'w_missing', query: ejson({ _id: 'u' }), data: ejson({ $set: { a: 1 } }), upsert: true })).code).toBe('DATABASE_COLLECTION_NOT_EXIST');
    expect((await call(url, 'addCollection', { collectionName: 'w_new' })).code).toBeUndefined();
    expect((await call(url, 'addCollection', { collectionName: 'w_new' })).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
    expect((await call(url, 'getDocument', { collectionName: 'w_new', queryType: 'WHERE' })).data.list).toEqual([]);
  });

  test('transactions over the wire: startTransaction returns a top-level transactionId', async () => {
    const { transactionId } = await call(url, 'startTransaction');
    expect(transactionId).toMatch(/^[0-9a-f]{32}$/);
    await call(url, 'insertDocument', { collectionName: 'w_tx', data: [ejson({ _id: 't' })], transactionId });
    expect(await call(url, 'commitTransaction', { transactionId })).not.toHaveProperty('code');
    expect((await call(url, 'abortTransaction', { transactionId })).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  test('requests are counted in total, per instance (URL path) and per action; takeCount resets one instance', async () => {
    const a = `${server.urlFor('count-a')}?env=local&seqId=1`;
    const b = server.urlFor('count-b');
    await call(a, 'getDocument', { collectionName: 'w_basic' });
    await call(a, 'calculateDocument', { collectionName: 'w_basic' });
    await call(a, 'nonsense');
    await call(b, 'getDocument', { collectionName: 'w_basic' });
    const stats = (await request(`http://127.0.0.1:${server.port}/db/__stats`, 'GET')).body;
    expect(stats.requests.byInstance).toMatchObject({ 'count-a': 3, 'count-b': 1 });
    expect(stats.requests.byAction['database.calculateDocument']).toBeGreaterThanOrEqual(1);
    expect(server.db.takeCount('count-a')).toBe(3);
    expect(server.db.takeCount('count-a')).toBe(0);
    expect(server.db.stats().requests.byInstance['count-b']).toBe(1);
  });

  test('bodies over 16 MB are refused with 413', async () => {
    const huge = JSON.stringify({ action: 'database.insertDocument', collectionName: 'w_big', data: [JSON.stringify({ s: 'x'.repeat(17 * 1024 * 1024) })] });
    expect((await request(url, 'POST', huge)).status).toBe(413);
  });
});

describe('createDbHandler', () => {
  test('mounts on another server, handles /db/… and declines other paths', async () => {
    const db = await LocalDatabase.open({ dataDir: makeTempDir() });
    const handle = createDbHandler(db);
    const host = http.createServer((req, res) => {
      if (!handle(req, res)) res.end('host');
    });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    try {
      expect((await request(`${base}/elsewhere`, 'GET')).body).toBe('host');
      expect((await call(`${base}/db/i/x/admin`, 'addCollection', { collectionName: 'h' })).code).toBeUndefined();
      expect((await request(`${base}/db/nowhere`, 'POST', '{}')).status).toBe(404);
      expect(db.takeCount('x')).toBe(1);
    } finally {
      closeAgent();
      await new Promise<void>((r) => host.close(() => r()));
      await db.close();
    }
  });

  test('by default (strict, as CloudBase), inserting into a missing collection fails until it is created', async () => {
    const db = await LocalDatabase.open({ dataDir: makeTempDir() });
    try {
      await expect(db.insert('strict', [{ a: 1 }])).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
      await db.addCollection('strict');
      await expect(db.insert('strict', [{ a: 1 }])).resolves.toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
