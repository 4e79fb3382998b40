import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { ExamDetail, ExamRow } from '../../shared/contracts/exam';
import type { Paged } from '../../shared/contracts/common';
import { addBank, draftExam, examCall, publishedExam } from './examTesting';

jest.setTimeout(120_000);

let cloud: TestCloud;
let tz = '';
let sd = '';
let entAdmin = '';
let bankId = '';
let entId = '';

beforeAll(async () => {
  cloud = await startTestCloud();
  tz = await cloud.login('tz_regulator');
  sd = await cloud.login('sd_regulator');
  entAdmin = await cloud.login('ent_admin');
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  entId = (Array.isArray(acc) ? acc[0] : acc).enterpriseId;
  bankId = await addBank(cloud, { judge: 20, single: 20, multiple: 20 }, { role: 'regulator', regionCode: '370481' });
});
afterAll(async () => {
  await cloud?.close();
});

describe('listExams spot filter (逢查必考 list)', () => {
  it('spot: true lists only spot exams with their enterprise name and code; false only the others', async () => {
    const plain = await publishedExam(cloud, tz, bankId, { title: '县区组织考试', pushRule: { enterpriseIds: [entId] } });
    const spot = await publishedExam(cloud, tz, bankId, { title: '逢查必考现场考试', pushRule: { enterpriseIds: [entId] } });
    // As createSpotExam stores it (the action is built separately): the spot block on the exam.
    await cloud.db().collection('exams').doc(spot._id).update({ data: { spot: { enterpriseId: entId, inspectionId: 'insp-1', code: 'K7M2QX' } } });
    const ent = (await cloud.db().collection('enterprises').doc(entId).get()).data as unknown as { name: string } | { name: string }[];
    const entName = (Array.isArray(ent) ? ent[0] : ent).name;

    const spotOnly = expectOk(await examCall<Paged<ExamRow>>(cloud, tz, 'listExams', { spot: true, pageSize: 100 }));
    expect(spotOnly.items.map((e) => e._id)).toContain(spot._id);
    expect(spotOnly.items.map((e) => e._id)).not.toContain(plain._id);
    expect(spotOnly.items.find((e) => e._id === spot._id)?.spot).toEqual({ enterpriseId: entId, enterpriseName: entName, inspectionId: 'insp-1', code: 'K7M2QX' });

    const others = expectOk(await examCall<Paged<ExamRow>>(cloud, tz, 'listExams', { spot: false, pageSize: 100 }));
    expect(others.items.map((e) => e._id)).toContain(plain._id);
    expect(others.items.map((e) => e._id)).not.toContain(spot._id);
    expect(others.items.every((e) => e.spot === undefined)).toBe(true);

    const all = expectOk(await examCall<Paged<ExamRow>>(cloud, tz, 'listExams', { pageSize: 100 }));
    expect(all.items.map((e) => e._id)).toEqual(expect.arrayContaining([plain._id, spot._id]));
  });
});

describe('getExam for those who may see its results', () => {
  it('a province exam reaching 滕州 reads for the county regulator and the reached enterprise admin; an exam for another enterprise, and a draft, answer NOT_FOUND; reading grants no edit', async () => {
    const provinceBank = await addBank(cloud, { judge: 20, single: 20, multiple: 20 }, { role: 'regulator', regionCode: '37' });
    const province = await publishedExam(cloud, sd, provinceBank, { title: '全省大统考', pushRule: { regionCodes: ['370481'] } });
    expect(expectOk(await examCall<{ exam: ExamDetail }>(cloud, tz, 'getExam', { examId: province._id })).exam).toMatchObject({ _id: province._id, tier: 'province' });
    expect(expectOk(await examCall<{ exam: ExamDetail }>(cloud, entAdmin, 'getExam', { examId: province._id })).exam._id).toBe(province._id);
    const upd = await examCall(cloud, tz, 'updateExam', { examId: province._id, title: '改名试试' });
    expect(upd.ok ? 'ok' : upd.code).toBe('NOT_FOUND');

    const others = await cloud.db().collection('enterprises').where({ _id: cloud.db().command.neq(entId) }).limit(1).get<{ _id: string }>();
    const elsewhere = await publishedExam(cloud, sd, provinceBank, { title: '另一企业的考试', pushRule: { enterpriseIds: [others.data[0]._id] } });
    const foreign = await examCall(cloud, entAdmin, 'getExam', { examId: elsewhere._id });
    expect(foreign.ok ? 'ok' : foreign.code).toBe('NOT_FOUND');

    const draft = await draftExam(cloud, sd, provinceBank, { pushRule: { regionCodes: ['370481'] } });
    const hidden = await examCall(cloud, tz, 'getExam', { examId: draft._id });
    expect(hidden.ok ? 'ok' : hidden.code).toBe('NOT_FOUND');
  });
});

describe('listExams scope reaching (下发给我的)', () => {
  const ids = (r: Paged<ExamRow>) => r.items.map((e) => e._id);
  it('a county regulator lists the published exams reaching its county, never another county’s; each listed one reads with getExam; drafts never', async () => {
    const provinceBank = await addBank(cloud, { judge: 20, single: 20, multiple: 20 }, { role: 'regulator', regionCode: '37' });
    const here = await publishedExam(cloud, sd, provinceBank, { title: '下发滕州的考试', pushRule: { regionCodes: ['370481'] } });
    const city = await publishedExam(cloud, sd, provinceBank, { title: '下发枣庄市的考试', pushRule: { regionCodes: ['3704'] } });
    const elsewhere = await publishedExam(cloud, sd, provinceBank, { title: '下发市中区的考试', pushRule: { regionCodes: ['370402'] } });
    const draft = await draftExam(cloud, sd, provinceBank, { title: '未发布的考试', pushRule: { regionCodes: ['370481'] } });

    const tzList = expectOk(await examCall<Paged<ExamRow>>(cloud, tz, 'listExams', { scope: 'reaching', pageSize: 100 }));
    expect(ids(tzList)).toEqual(expect.arrayContaining([here._id, city._id]));
    expect(ids(tzList)).not.toContain(elsewhere._id);
    expect(ids(tzList)).not.toContain(draft._id);
    expect(tzList.items.every((e) => e.status === 'published')).toBe(true);
    expect(tzList.total).toBe(tzList.items.length);
    for (const e of tzList.items) expect(expectOk(await examCall<{ exam: ExamDetail }>(cloud, tz, 'getExam', { examId: e._id })).exam._id).toBe(e._id);
    const foreign = await examCall(cloud, tz, 'getExam', { examId: elsewhere._id });
    expect(foreign.ok ? 'ok' : foreign.code).toBe('NOT_FOUND');

    // The province regulator sees rules inside its subtree, the county's own included; paging cuts the same list.
    const mine = await publishedExam(cloud, tz, bankId, { title: '滕州自己的考试', pushRule: { regionCodes: ['370481'] } });
    const sdList = expectOk(await examCall<Paged<ExamRow>>(cloud, sd, 'listExams', { scope: 'reaching', pageSize: 100 }));
    expect(ids(sdList)).toEqual(expect.arrayContaining([here._id, city._id, elsewhere._id, mine._id]));
    const p1 = expectOk(await examCall<Paged<ExamRow>>(cloud, sd, 'listExams', { scope: 'reaching', page: 1, pageSize: 2 }));
    const p2 = expectOk(await examCall<Paged<ExamRow>>(cloud, sd, 'listExams', { scope: 'reaching', page: 2, pageSize: 2 }));
    expect(p1.total).toBe(sdList.total);
    expect([...ids(p1), ...ids(p2)]).toEqual(ids(sdList).slice(0, 4));

    // 'mine' (the default) is unchanged: the county does not manage the province's exams.
    expect(ids(expectOk(await examCall<Paged<ExamRow>>(cloud, tz, 'listExams', { pageSize: 100 })))).not.toContain(here._id);
  });

  it('an enterprise admin lists exams whose rule reaches its enterprise, not another enterprise’s', async () => {
    const provinceBank = await addBank(cloud, { judge: 20, single: 20, multiple: 20 }, { role: 'regulator', regionCode: '37' });
    const forUs = await publishedExam(cloud, sd, provinceBank, { title: '下发本企业的考试', pushRule: { enterpriseIds: [entId] } });
    const others = await cloud.db().collection('enterprises').where({ _id: cloud.db().command.neq(entId) }).limit(1).get<{ _id: string }>();
    const forThem = await publishedExam(cloud, sd, provinceBank, { title: '下发别家企业的考试', pushRule: { enterpriseIds: [others.data[0]._id] } });
    const list = expectOk(await examCall<Paged<ExamRow>>(cloud, entAdmin, 'listExams', { scope: 'reaching', pageSize: 100 }));
    expect(ids(list)).toContain(forUs._id);
    expect(ids(list)).not.toContain(forThem._id);
    for (const e of list.items) expect(expectOk(await examCall<{ exam: ExamDetail }>(cloud, entAdmin, 'getExam', { examId: e._id })).exam._id).toBe(e._id);
  });
});
