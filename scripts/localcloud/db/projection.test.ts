import { LocalDatabase } from './database';
import { cleanupTempDirs, makeTempDir } from './testing/tempDir';

let db: LocalDatabase;
beforeEach(async () => {
  db = await LocalDatabase.open({ dataDir: makeTempDir() });
  await db.addCollection('courses');
  await db.insert('courses', [{ _id: 'c1', title: 'T', materials: [{ _id: 'm1', kind: 'article', html: '<p>正文</p>' }, { _id: 'm2', kind: 'video', fileID: 'f' }] }]);
});
afterEach(async () => {
  await db.close();
  cleanupTempDirs();
});

test('a projection shapes the answer only: excluding a nested field leaves the stored document whole', () => {
  for (const off of [false, 0]) {
    const projected = db.find('courses', { query: { _id: 'c1' }, projection: { 'materials.html': off } });
    expect(projected[0].materials).toEqual([{ _id: 'm1', kind: 'article' }, { _id: 'm2', kind: 'video', fileID: 'f' }]);
    expect(db.find('courses', { query: { _id: 'c1' } })[0].materials).toEqual([
      { _id: 'm1', kind: 'article', html: '<p>正文</p>' },
      { _id: 'm2', kind: 'video', fileID: 'f' },
    ]);
  }
  const included = db.find('courses', { query: {}, projection: { title: true } });
  expect(included).toEqual([{ _id: 'c1', title: 'T' }]);
  expect(db.find('courses', { query: {} })[0].materials).toHaveLength(2);
});
