import { C } from '../../cloudfunctions/common/collections';
import { accountIdOf, type AccountDoc } from '../../cloudfunctions/common/accounts';
import { hashPassword } from '../../cloudfunctions/common/crypto';
import { getDb, getById } from '../../cloudfunctions/common/db';
import { personIdentity } from '../../cloudfunctions/common/persons';
import { regionFieldsOf, type RegionLevel } from '../../shared/regions';
import { buildEnterprises, buildPersons, DEMO_CITY, DEMO_COUNTY, DEMO_PASSWORD, DEMO_PROVINCE, type DemoEnterprise } from './demo';
import { seedDemoCourses } from './courses';
import { EXAM_SEED_MARKER, seedDemoExams } from './exams';
import { rng } from './random';
import { provinceRegions, type RegionDoc } from './regions';
import { reconcileOversight } from '../../cloudfunctions/stats/reconcileOversight';

/**
 * Seeds the demo province through the same wx-server-sdk path the functions use, on top of the
 * bootstrap (stats.bootstrap: collections, regions, first sysadmin — which the seed no longer
 * creates). The caller must have pointed the SDK at the database (environment), set the secrets and
 * run the bootstrap. Idempotent: a marker document records that the seed ran.
 */
export const SEED_MARKER = 'meta:seed:v1';

/** Demo workers one can log in as in the mini-program (ID number + password). */
export interface DemoWorker {
  name: string;
  idNumber: string;
  password: string;
  enterpriseName: string;
}

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  scope: string;
}

async function insertMany(collection: string, docs: object[], batch = 500): Promise<void> {
  const db = getDb();
  for (let i = 0; i < docs.length; i += batch) {
    await db.collection(collection).add({ data: docs.slice(i, i + batch) as never });
  }
}

function demoAccounts(regions: RegionDoc[], enterprise: DemoEnterprise, passwordHash: string, at: Date): { docs: AccountDoc[]; logins: DemoLogin[] } {
  const region = (code: string) => regions.find((r) => r.code === code)!;
  const base = { passwordHash, status: 'active' as const, sessionVersion: 1, createdAt: at };
  const regulator = (username: string, code: string, level: RegionLevel, displayName: string): AccountDoc => ({
    ...base,
    _id: accountIdOf(username),
    username,
    displayName,
    role: 'regulator',
    regionCode: code,
    regionLevel: level,
    regionName: region(code).fullName,
  });
  const docs: AccountDoc[] = [
    { ...base, _id: accountIdOf('admin'), username: 'admin', displayName: '系统管理员', role: 'sysadmin' },
    regulator('sd_regulator', DEMO_PROVINCE, 'province', '山东省应急管理厅'),
    regulator('zz_regulator', DEMO_CITY, 'city', '枣庄市应急管理局'),
    regulator('tz_regulator', DEMO_COUNTY, 'county', '滕州市应急管理局'),
    {
      ...base,
      _id: accountIdOf('ent_admin'),
      username: 'ent_admin',
      displayName: `${enterprise.name}管理员`,
      role: 'enterpriseAdmin',
      enterpriseId: enterprise._id,
      enterpriseName: enterprise.name,
      regionCode: enterprise.regionCode,
      regionName: enterprise.regionName,
    },
  ];
  const scopeOf = (a: AccountDoc) =>
    a.role === 'sysadmin' ? '全部' : a.role === 'enterpriseAdmin' ? (a.enterpriseName ?? '') : `${a.regionName}（${a.regionLevel === 'province' ? '省级' : a.regionLevel === 'city' ? '市级' : '县级'}）`;
  const roleZh = { sysadmin: '系统管理员', regulator: '监管部门', enterpriseAdmin: '企业管理员' } as const;
  return { docs, logins: docs.map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: roleZh[a.role], scope: scopeOf(a) })) };
}

/** The demo bank and exams (scripts/seed/exams.ts), once per data folder: its own marker, 1 read on later starts. */
async function seedExamsOnce(cloudUrl: string, log: (m: string) => void, at: Date): Promise<void> {
  if (await getById(C.stats, EXAM_SEED_MARKER)) return;
  await seedDemoExams(cloudUrl, { log, now: at });
  await getDb().collection(C.stats).doc(EXAM_SEED_MARKER).set({ data: { kind: 'meta', seededAt: at } });
}

/**
 * `cloudUrl`: the running local cloud the data goes into; with it the demo courses are published
 * through the functions as a regulator would (scripts/seed/courses.ts).
 */
export async function seedDemoData(opts: { log?: (m: string) => void; now?: Date; cloudUrl?: string } = {}): Promise<{ seeded: boolean; logins: DemoLogin[]; workers: DemoWorker[] }> {
  const log = opts.log ?? (() => undefined);
  const at = opts.now ?? new Date();
  const r = rng(20221105);
  const regions = provinceRegions(DEMO_PROVINCE);
  const enterprises = buildEnterprises(r, regions);
  const persons = buildPersons(r, enterprises, regions);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const firstTengzhou = enterprises.find((e) => e.countyCode === DEMO_COUNTY)!;
  const { docs: accounts, logins } = demoAccounts(regions, firstTengzhou, passwordHash, at);
  const workers: DemoWorker[] = persons
    .filter((p) => p.enterpriseId === firstTengzhou._id)
    .slice(0, 2)
    .map((p) => ({ name: p.name, idNumber: p.idNumber, password: DEMO_PASSWORD, enterpriseName: firstTengzhou.name }));
  if (await getById(C.stats, SEED_MARKER)) {
    // A data folder seeded before the demo exams existed gets them on its next start.
    if (opts.cloudUrl) await seedExamsOnce(opts.cloudUrl, log, at);
    return { seeded: false, logins, workers };
  }

  const byEnterprise = new Map(enterprises.map((e) => [e._id, e]));
  for (const p of persons) byEnterprise.get(p.enterpriseId)!.staffCount++;
  await insertMany(
    C.enterprises,
    enterprises.map((e) => ({ ...e, createdAt: at, updatedAt: at })),
  );
  log(`  enterprises: ${enterprises.length}`);
  // Demo staff share one initial password (hashed once: scrypt per person would slow every fresh start).
  const personDocs = persons.map((p) => {
    const e = byEnterprise.get(p.enterpriseId)!;
    return {
      ...personIdentity(p.idNumber),
      name: p.name,
      phone: p.phone,
      enterpriseId: e._id,
      enterpriseName: e.name,
      departmentId: null,
      ...regionFieldsOf(e.regionCode),
      industry: e.industry,
      supervisionType: e.supervisionType,
      keyAreas: e.keyAreas,
      scale: e.scale,
      postCategory: p.postCategory,
      employmentType: p.employmentType,
      certificates: p.certificates,
      status: 'active',
      passwordHash,
      mustChangePassword: true,
      openid: null,
      employmentId: `em-seed-${personIdentity(p.idNumber)._id}`,
      joinedAt: at,
      createdAt: at,
      updatedAt: at,
    };
  });
  await insertMany(C.persons, personDocs);
  await insertMany(
    C.employments,
    personDocs.map((p) => ({
      _id: p.employmentId,
      personId: p._id,
      enterpriseId: p.enterpriseId,
      enterpriseName: p.enterpriseName,
      from: at,
      to: null,
      source: 'import',
      personName: p.name,
      idMasked: p.idMasked,
      gender: p.gender,
      postCategory: p.postCategory,
      employmentType: p.employmentType,
      departmentName: null,
    })),
  );
  log(`  persons: ${personDocs.length}`);
  await insertMany(C.accounts, accounts);
  if (opts.cloudUrl) await seedDemoCourses(opts.cloudUrl, { log, now: at });
  if (opts.cloudUrl) await seedExamsOnce(opts.cloudUrl, log, at);
  // Bulk-loaded records did not move the oversight rollups: build them from the records, as the nightly does.
  const rollups = await reconcileOversight(getDb());
  log(`  oversight rollups: ${rollups.drift} documents`);
  await getDb().collection(C.stats).doc(SEED_MARKER).set({ data: { kind: 'meta', seededAt: at } });
  return { seeded: true, logins, workers };
}
