import type { EnterpriseArchive, PersonArchive, PersonArchiveRow, EnterpriseArchiveRow } from '../../shared/contracts/oversight';
import type { Paged } from '../../shared/contracts/common';
import { maskIdNumber } from '../../shared/idNumber';
import { hashPassword } from '../common/crypto';
import { personEnterpriseFields, type EnterpriseDoc } from '../common/enterprises';
import { personIdentity } from '../common/persons';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { freshIdNumber, newEnterprise } from '../org/orgTesting';

jest.setTimeout(60_000);

/** oversight.searchArchives / enterpriseArchive / personArchive: content from fixtures, and scope. */
let cloud: TestCloud;
const tokens: Record<string, string> = {};
let own: { enterpriseId: string; token: string };
let foreign: { enterpriseId: string; token: string };
let ownEnt: EnterpriseDoc;
const people: Record<string, { personId: string; idNumber: string; name: string }> = {};

const call = <T>(who: string, action: string, input: Record<string, unknown>) => cloud.call<T>('oversight', { action, ...input }, { sessionToken: tokens[who] });

async function addPerson(e: EnterpriseDoc, name: string, postCategory = 'otherWorker') {
  const idNumber = freshIdNumber(e.countyCode);
  const ident = personIdentity(idNumber);
  const at = new Date();
  await cloud.db().collection('persons').add({
    data: { ...ident, name, ...personEnterpriseFields(e), status: 'active', departmentId: null, departmentName: null, postCategory, employmentType: 'regular', certificates: [], passwordHash: await hashPassword('Worker2026ok'), mustChangePassword: false, openid: null, joinedAt: at, createdAt: at, updatedAt: at },
  });
  return { personId: ident._id, idNumber, name };
}

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  own = await newEnterprise(cloud, { industry: 'hazardousChemicals', name: `档案测试危化${Date.now().toString(36)}有限公司` });
  foreign = await newEnterprise(cloud, { regionCode: '370402' });
  tokens.own = own.token;
  tokens.foreign = foreign.token;
  const db = cloud.db();
  ownEnt = (await db.collection('enterprises').where({ _id: own.enterpriseId }).get<EnterpriseDoc>()).data[0];
  const foreignEnt = (await db.collection('enterprises').where({ _id: foreign.enterpriseId }).get<EnterpriseDoc>()).data[0];
  const tag = Date.now().toString(36);
  people.a = await addPerson(ownEnt, `档案甲${tag}`);
  people.trainer = await addPerson(ownEnt, `档案内训师${tag}`, 'internalTrainer');
  people.x = await addPerson(foreignEnt, `档案外${tag}`);
  const a = people.a.personId;
  // A's records across employers: an earlier employer (closed entry), a course, an offline training, an uploaded score.
  await db.collection('employments').add({ data: { _id: `emp-old-${tag}`, personId: a, enterpriseId: foreign.enterpriseId, enterpriseName: foreignEnt.name, from: new Date('2024-01-01'), to: new Date('2025-01-01'), source: 'admin' } });
  await db.collection('employments').add({ data: { _id: `emp-now-${tag}`, personId: a, enterpriseId: own.enterpriseId, enterpriseName: ownEnt.name, from: new Date('2025-02-01'), to: null, source: 'admin' } });
  await db.collection('progress').add({ data: { _id: `pg-${tag}`, personId: a, courseId: `c-${tag}`, title: '危化品安全', category: 'required', creditedHours: 2, enterpriseId: foreign.enterpriseId, enterpriseName: foreignEnt.name, creditedSeconds: 7200, status: 'done', completedAt: new Date('2024-06-01') } });
  await db.collection('offlineTrainings').add({ data: { _id: `ot-${tag}`, enterpriseId: own.enterpriseId, enterpriseName: ownEnt.name, date: '2026-03-01', topic: '应急演练', hours: 3, attendeeIds: [a, people.trainer.personId] } });
  await db.collection('uploadedScores').add({ data: { _id: `us-${tag}`, personId: a, examTitle: '线下考试', date: '2026-04-01', score: 88, fullScore: 100, passed: true, enterpriseId: own.enterpriseId, enterpriseName: ownEnt.name } });
}, 120_000);
afterAll(() => cloud?.close());

describe('oversight.personArchive', () => {
  it('一人一档 across employers for the county regulator and the own admin: courses, offline hours, uploaded scores, employers; the ID number masked', async () => {
    for (const who of ['tz_regulator', 'own', 'admin']) {
      const r = expectOk(await call<PersonArchive>(who, 'personArchive', { personId: people.a.personId }));
      expect(r.person).toMatchObject({ _id: people.a.personId, name: people.a.name, idMasked: maskIdNumber(people.a.idNumber), enterpriseId: own.enterpriseId });
      expect(JSON.stringify(r)).not.toContain(people.a.idNumber);
      expect(JSON.stringify(r)).not.toContain('idCipher');
      expect(r.courses).toEqual([expect.objectContaining({ title: '危化品安全', creditedHours: 2, enterpriseName: expect.stringContaining('') })]);
      expect(r.offlineTrainings).toEqual([{ date: '2026-03-01', topic: '应急演练', hours: 3, enterpriseName: ownEnt.name }]);
      expect(r.uploadedExams).toEqual([expect.objectContaining({ examTitle: '线下考试', score: 88, passed: true, source: 'uploaded' })]);
      expect(r.employments.map((e) => [e.enterpriseId, e.to === null])).toEqual([
        [own.enterpriseId, true],
        [foreign.enterpriseId, false],
      ]);
      expect(r.points).toBe(0);
    }
  });

  it('scope: a foreign person answers exactly like a missing one (regulator of another county, another enterprise’s admin)', async () => {
    const missing = await call('tz_regulator', 'personArchive', { personId: 'p-no-such-person' });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const foreignAsk = await call('tz_regulator', 'personArchive', { personId: people.x.personId });
    expect({ ...foreignAsk, requestId: undefined }).toEqual({ ...missing, requestId: undefined });
    for (const [who, id] of [['ent_admin', people.a.personId], ['foreign', people.a.personId], ['own', people.x.personId]] as const) {
      expect(await call(who, 'personArchive', { personId: id })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    }
    expect(expectOk(await call<PersonArchive>('foreign', 'personArchive', { personId: people.x.personId })).person._id).toBe(people.x.personId);
  });
});

describe('oversight.searchArchives', () => {
  it('finds a person by the full ID number (hash lookup) or by name, in scope only, masked', async () => {
    const byId = expectOk(await call<Paged<PersonArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'person', keyword: people.a.idNumber.toLowerCase() }));
    expect(byId.items).toEqual([expect.objectContaining({ _id: people.a.personId, idMasked: maskIdNumber(people.a.idNumber) })]);
    expect(byId.total).toBe(1);
    expect(expectOk(await call<Paged<PersonArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'person', keyword: people.x.idNumber })).total).toBe(0);
    expect(expectOk(await call<Paged<PersonArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'person', keyword: people.a.idNumber.slice(0, 10) })).total).toBe(0);
    expect(expectOk(await call<Paged<PersonArchiveRow>>('own', 'searchArchives', { kind: 'person', keyword: people.a.name })).items.map((x) => x._id)).toEqual([people.a.personId]);
    expect(expectOk(await call<Paged<PersonArchiveRow>>('ent_admin', 'searchArchives', { kind: 'person', keyword: people.a.name })).total).toBe(0);
    expect(expectOk(await call<Paged<PersonArchiveRow>>('foreign', 'searchArchives', { kind: 'person', keyword: people.a.idNumber })).total).toBe(0);
    const staff = expectOk(await call<Paged<PersonArchiveRow>>('own', 'searchArchives', { kind: 'person', pageSize: 1 }));
    expect(staff.total).toBe(2);
    expect(staff.items).toHaveLength(1);
  });

  it('finds enterprises by name or credit-code prefix, confined to the region; another county’s region is refused', async () => {
    const byName = expectOk(await call<Paged<EnterpriseArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'enterprise', keyword: ownEnt.name.slice(0, 12) }));
    expect(byName.items.map((e) => e._id)).toContain(own.enterpriseId);
    const byCode = expectOk(await call<Paged<EnterpriseArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'enterprise', keyword: ownEnt.creditCode.slice(0, 14) }));
    expect(byCode.items.map((e) => e._id)).toContain(own.enterpriseId);
    expect(expectOk(await call<Paged<EnterpriseArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'enterprise', industry: 'hazardousChemicals', regionCode: '370481' })).items.every((e) => e.industry === 'hazardousChemicals' && e.regionCode.startsWith('370481'))).toBe(true);
    expect(await call('tz_regulator', 'searchArchives', { kind: 'enterprise', regionCode: '370402' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const foreignRows = expectOk(await call<Paged<EnterpriseArchiveRow>>('tz_regulator', 'searchArchives', { kind: 'enterprise', keyword: foreign.enterpriseId }));
    expect(foreignRows.items.map((e) => e._id)).not.toContain(foreign.enterpriseId);
    expect(expectOk(await call<Paged<EnterpriseArchiveRow>>('own', 'searchArchives', { kind: 'enterprise' })).items.map((e) => e._id)).toEqual([own.enterpriseId]);
  });
});

describe('oversight.enterpriseArchive', () => {
  it('attributes, staff, offline trainings, 内训师 against the high-risk ratio rule, history', async () => {
    const r = expectOk(await call<EnterpriseArchive>('tz_regulator', 'enterpriseArchive', { enterpriseId: own.enterpriseId }));
    expect(r.enterprise).toMatchObject({ _id: own.enterpriseId, name: ownEnt.name, industry: 'hazardousChemicals', creditCode: ownEnt.creditCode });
    expect(r.offlineTrainings).toEqual([expect.objectContaining({ topic: '应急演练', hours: 3, attendees: 2 })]);
    expect(r.trainers).toMatchObject({ count: 1, required: 3, meets: false, items: [expect.objectContaining({ personId: people.trainer.personId, name: people.trainer.name })] });
    expect(r.history.map((h) => h.action)).toContain('enterprise.register');
    expect(r.staff.insured).toBeNull();
    expect(expectOk(await call<EnterpriseArchive>('own', 'enterpriseArchive', { enterpriseId: own.enterpriseId })).enterprise._id).toBe(own.enterpriseId);
  });

  it('scope: foreign and missing enterprises answer alike', async () => {
    const missing = await call('tz_regulator', 'enterpriseArchive', { enterpriseId: '91370481NOSUCHONE1' });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const f = await call('tz_regulator', 'enterpriseArchive', { enterpriseId: foreign.enterpriseId });
    expect({ ...f, requestId: undefined }).toEqual({ ...missing, requestId: undefined });
    expect(await call('own', 'enterpriseArchive', { enterpriseId: foreign.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('ent_admin', 'enterpriseArchive', { enterpriseId: own.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  });
});
