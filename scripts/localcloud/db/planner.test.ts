import { LocalDatabase } from './database';
import type { IndexSpec } from './hashIndex';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

const index = (collection: string, name: string, field: string): IndexSpec => ({ collection, name, keys: [{ field, direction: 1 }] });

const INDEXES: IndexSpec[] = [
  index('people', 'enterprise', 'enterpriseId'),
  index('people', 'tags', 'tags'),
  index('people', 'county', 'addr.county'),
  index('people', 'joined', 'joined'),
];

const N = 1000;
const person = (i: number) => ({
  _id: `x${i}`,
  enterpriseId: `e${i % 10}`,
  tags: [`t${i % 3}`, `u${i % 5}`],
  addr: { county: `c${i % 4}` },
  joined: new Date(Date.UTC(2024, 0, 1 + (i % 7))),
  n: i,
});

let db: LocalDatabase;

beforeEach(async () => {
  db = await LocalDatabase.open({ dataDir: makeTempDir(), indexes: INDEXES });
  await db.addCollection('people');
  await db.insert('people', Array.from({ length: N }, (_x, i) => person(i)));
});

afterEach(async () => {
  await db.close();
  cleanupTempDirs();
});

describe('query planner', () => {
  test('equality on an indexed field examines only the matching documents', () => {
    expect(db.explain('people', { enterpriseId: 'e3' })).toEqual({ collection: 'people', strategy: 'index', index: 'enterprise', examined: 100, matched: 100 });
  });

  test('$in unions the index entries; other conditions are evaluated over those candidates only', () => {
    expect(db.explain('people', { enterpriseId: { $in: ['e1', 'e2'] }, n: { $lt: 500 } })).toMatchObject({ strategy: 'index', examined: 200, matched: 100 });
  });

  test('the most selective index of a conjunction (including nested $and) is chosen', () => {
    expect(db.explain('people', { $and: [{ tags: 't0' }, { enterpriseId: 'e1' }] })).toMatchObject({ strategy: 'index', index: 'enterprise', examined: 100 });
    expect(db.explain('people', { tags: { $eq: 'u4' } })).toMatchObject({ index: 'tags', examined: 200, matched: 200 });
  });

  test('multikey: a document with an array is found under each element', () => {
    const r = db.explain('people', { tags: 't1' });
    expect(r).toMatchObject({ strategy: 'index', index: 'tags', examined: 333, matched: 333 });
  });

  test('dotted paths and Dates are indexable', () => {
    expect(db.explain('people', { 'addr.county': 'c1' })).toMatchObject({ index: 'county', examined: 250, matched: 250 });
    expect(db.explain('people', { joined: new Date(Date.UTC(2024, 0, 2)) })).toMatchObject({ index: 'joined', matched: 143, examined: 143 });
  });

  test('_id equality or $in reads the documents directly', () => {
    expect(db.explain('people', { _id: 'x5' })).toMatchObject({ strategy: 'id', examined: 1, matched: 1 });
    expect(db.explain('people', { _id: { $in: ['x5', 'x6', 'nope'] }, n: 6 })).toMatchObject({ strategy: 'id', examined: 2, matched: 1 });
  });

  test('ranges, regexes, $or, null and unindexed fields scan', () => {
    for (const q of [{ n: { $gt: 5 } }, { enterpriseId: /e1/ }, { $or: [{ enterpriseId: 'e1' }, { n: 1 }] }, { enterpriseId: null }, { enterpriseId: { $in: ['e1', /e2/] } }]) {
      expect(db.explain('people', q).strategy).toBe('scan');
      expect(db.explain('people', q).examined).toBe(N);
    }
  });

  test('indexed and scanned evaluation return the same documents in the same (natural) order', () => {
    const viaIndex = db.find('people', { query: { enterpriseId: { $in: ['e2', 'e7'] } }, limit: 1000 });
    const viaScan = db.find('people', { query: { $or: [{ enterpriseId: 'e2' }, { enterpriseId: 'e7' }] }, limit: 1000 });
    expect(viaIndex.map((d) => d._id)).toEqual(viaScan.map((d) => d._id));
    expect(viaIndex).toHaveLength(200);
  });

  test('string and number values do not collide', async () => {
    await db.insert('people', [{ _id: 'num', enterpriseId: 3 }, { _id: 'str', enterpriseId: '3' }]);
    expect(db.find('people', { query: { enterpriseId: 3 } }).map((d) => d._id)).toEqual(['num']);
    expect(db.explain('people', { enterpriseId: '3' })).toMatchObject({ strategy: 'index', examined: 1 });
  });

  test('indexes follow updates and removals', async () => {
    await db.modify('people', { _id: 'x1' }, { $set: { enterpriseId: 'e9' } });
    await db.modify('people', { enterpriseId: 'e2' }, { $set: { enterpriseId: 'e9' } }, { multi: true });
    expect(db.explain('people', { enterpriseId: 'e9' })).toMatchObject({ examined: 201, matched: 201 });
    expect(db.explain('people', { enterpriseId: 'e1' })).toMatchObject({ examined: 99, matched: 99 });
    await db.remove('people', { enterpriseId: 'e9' });
    expect(db.explain('people', { enterpriseId: 'e9' })).toMatchObject({ examined: 0, matched: 0 });
  });

  test('reads record their plan: stats().lastQuery and totals', () => {
    const before = db.stats().queries;
    db.find('people', { query: { enterpriseId: 'e4', n: { $gte: 900 } } });
    const after = db.stats();
    expect(after.lastQuery).toEqual({ collection: 'people', strategy: 'index', index: 'enterprise', examined: 100, matched: 10 });
    expect(after.queries.docsExamined - before.docsExamined).toBe(100);
    expect(after.queries.byStrategy.index - before.byStrategy.index).toBe(1);
  });

  test('a leading $match in aggregate uses the planner', () => {
    const list = db.aggregate('people', [{ $match: { enterpriseId: 'e5' } }, { $group: { _id: null, n: { $sum: 1 } } }]);
    expect(list).toEqual([{ _id: null, n: 100 }]);
    expect(db.stats().lastQuery).toMatchObject({ strategy: 'index', examined: 100 });
  });

  test('an equality $lookup reads only the foreign documents it can match, through their index', async () => {
    await db.addCollection('orgs');
    await db.insert('orgs', [{ _id: 'e3', name: '三' }, { _id: 'g', members: ['x1', 'x2', 'nobody'] }, { _id: 'h', lead: { id: 'x7' } }, { _id: 'k' }]);
    const staff = (match: Record<string, unknown>, localField: string, foreignField: string) =>
      db.aggregate('orgs', [{ $match: match }, { $lookup: { from: 'people', localField, foreignField, as: 'found' } }, { $project: { ids: '$found._id' } }, { $limit: 10 }]);
    const before = db.stats().queries.docsExamined;
    const [e3] = staff({ _id: 'e3' }, '_id', 'enterpriseId') as { ids: string[] }[];
    expect(e3.ids).toHaveLength(100);
    expect(e3.ids.slice(0, 2)).toEqual(['x3', 'x13']);
    // The org by _id (1) and its 100 people by the enterprise index: never the 1,000.
    expect(db.stats().queries.docsExamined - before).toBe(101);
    expect(staff({ _id: 'g' }, 'members', '_id')).toEqual([{ _id: 'g', ids: ['x1', 'x2'] }]);
    expect(staff({ _id: 'h' }, 'lead.id', '_id')).toEqual([{ _id: 'h', ids: ['x7'] }]);
    // A missing local field matches foreign documents whose field is null or missing (MongoDB's rule).
    expect(staff({ _id: 'k' }, 'enterpriseId', 'enterpriseId')).toEqual([{ _id: 'k', ids: [] }]);
    await db.insert('people', [{ _id: 'loner', n: -1 }]);
    expect(staff({ _id: 'k' }, 'enterpriseId', 'enterpriseId')).toEqual([{ _id: 'k', ids: ['loner'] }]);
    // Not indexed there: still the same answer (the planner scans).
    expect(staff({ _id: 'h' }, 'lead.id', 'missingField')).toEqual([{ _id: 'h', ids: [] }]);
  });

  test('an index declared later is built over the existing documents', () => {
    expect(db.explain('people', { n: 7 }).strategy).toBe('scan');
    db.addIndexes([index('people', 'n', 'n')]);
    expect(db.explain('people', { n: 7 })).toMatchObject({ strategy: 'index', examined: 1, matched: 1 });
  });
});
