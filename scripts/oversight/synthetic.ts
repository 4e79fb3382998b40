/**
 * Synthetic oversight population (issue 11 bench): enterprises spread over the province's towns,
 * persons with their employment history (some left), course starts and completions, and study-time
 * ledger entries over the last weeks — bulk-inserted straight into the local database in batches,
 * deterministic for a given size (the same call makes the same records). Records only: the rollups
 * are then built from them by the reconciliation (as after any bulk load), and the bench drives
 * real events through the actions on top and checks the reconciliation finds zero drift.
 *
 *   tsx scripts/oversight/synthetic.ts --persons 1000000 [--data-dir .data]
 *
 * grows a local data folder to a million persons (the local cloud must not be running on it).
 */
import { isoWeekKey, shanghaiDay, shanghaiYear } from '../../shared/calendar';
import { regionFieldsOf } from '../../shared/regions';
import { INDUSTRY_CODES } from '../../shared/taxonomy';

export interface BulkDb {
  insert(collection: string, docs: unknown[]): Promise<unknown>;
}

export interface SyntheticOptions {
  /** Persons to add (on top of earlier calls: `from` is the index of the first one). */
  persons: number;
  from?: number;
  /** Towns (9-digit codes) to spread enterprises over. */
  towns: readonly string[];
  now: Date;
  /** Persons per enterprise (default 50). */
  perEnterprise?: number;
  /** Courses the synthetic learners study (ids of published courses, or synthetic ids). */
  courseIds: readonly string[];
  log?: (line: string) => void;
}

const BATCH = 5000;
const DAY = 86400_000;

/** A small deterministic hash (the same index always gives the same record). */
const h = (n: number, salt: number): number => {
  let x = (n * 2654435761 + salt * 40503) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return x >>> 0;
};

/** Inserts the records of persons [from, from + persons) and their enterprises; returns what it wrote. */
export async function generateSynthetic(db: BulkDb, o: SyntheticOptions): Promise<{ enterprises: number; persons: number; employments: number; completions: number; ledger: number }> {
  const per = o.perEnterprise ?? 50;
  const from = o.from ?? 0;
  const to = from + o.persons;
  const out = { enterprises: 0, persons: 0, employments: 0, completions: 0, ledger: 0 };
  const entOf = (k: number) => Math.floor(k / per);
  const enterprise = (e: number) => {
    const town = o.towns[h(e, 1) % o.towns.length];
    return { _id: `SYN-E-${e}`, town, industry: INDUSTRY_CODES[h(e, 2) % INDUSTRY_CODES.length] };
  };
  const now = o.now.getTime();

  // Enterprises first (those whose first person lies in the range).
  const ents: Record<string, unknown>[] = [];
  for (let e = entOf(from) + (from % per ? 1 : 0); e * per < to; e++) {
    const x = enterprise(e);
    const at = new Date(now - (h(e, 3) % 120) * DAY);
    ents.push({ _id: x._id, name: `合成企业${e}`, creditCode: x._id, creditCodeVerified: true, regionCode: x.town, regionName: '', ...regionFieldsOf(x.town), industry: x.industry, supervisionType: 'emergency', keyAreas: [], scale: 'above', status: 'active', staffCount: 0, createdAt: at, updatedAt: at });
  }
  for (let i = 0; i < ents.length; i += BATCH) await db.insert('enterprises', ents.slice(i, i + BATCH));
  out.enterprises = ents.length;

  for (let start = from; start < to; start += BATCH) {
    const persons: unknown[] = [];
    const employments: unknown[] = [];
    const completions: unknown[] = [];
    const progress: unknown[] = [];
    const ledger: unknown[] = [];
    for (let k = start; k < Math.min(to, start + BATCH); k++) {
      const x = enterprise(entOf(k));
      const pid = `psyn${k}`;
      const joined = new Date(now - (h(k, 4) % 100) * DAY);
      const left = h(k, 5) % 20 === 0; // one in twenty has left
      const region = regionFieldsOf(x.town);
      persons.push({
        _id: pid,
        name: `合成${k}`,
        status: left ? 'left' : 'active',
        ...(left ? { enterpriseId: null, provinceCode: null, cityCode: null, countyCode: null, townCode: null, industry: null } : { enterpriseId: x._id, ...region, industry: x.industry }),
        postCategory: 'otherWorker',
        employmentType: 'regular',
        certificates: [],
        createdAt: joined,
        updatedAt: joined,
      });
      employments.push({ _id: `emsyn${k}`, personId: pid, enterpriseId: x._id, from: joined, to: left ? new Date(joined.getTime() + DAY) : null, source: 'import' });
      if (left) continue;
      // Three in five have studied; of those, half finished one course.
      if (h(k, 6) % 5 < 3) {
        const courseId = o.courseIds[h(k, 7) % o.courseIds.length];
        const done = h(k, 8) % 2 === 0;
        const days = 1 + (h(k, 9) % 3);
        for (let d = 0; d < days; d++) {
          const day = shanghaiDay(now - (h(k, 10 + d) % 28) * DAY);
          const seconds = 300 + (h(k, 20 + d) % 1800);
          ledger.push({ _id: `pts:${pid}:studyTime:${day}`, personId: pid, source: 'studyTime', eventKey: day, points: Math.floor(seconds / 600), seconds, enterpriseId: x._id, at: new Date(`${day}T20:00:00+08:00`) });
        }
        const startedAt = new Date(now - (h(k, 30) % 28) * DAY);
        progress.push({ _id: `progress:${pid}:${courseId}`, personId: pid, enterpriseId: x._id, courseId, title: '合成课程', category: 'required', status: done ? 'done' : 'inProgress', startedAt, completedAt: done ? startedAt : null, year: shanghaiYear(startedAt), updatedAt: startedAt });
        if (done) {
          completions.push({ _id: `completion:${pid}:${courseId}`, personId: pid, courseId, enterpriseId: x._id, title: '合成课程', creditedHours: 1, creditedSeconds: 600, completedAt: startedAt, year: shanghaiYear(startedAt) });
          ledger.push({ _id: `pts:${pid}:courseComplete:${courseId}`, personId: pid, source: 'courseComplete', eventKey: courseId, points: 5, enterpriseId: x._id, at: startedAt });
        }
      }
    }
    await db.insert('persons', persons);
    await db.insert('employments', employments);
    if (progress.length) await db.insert('progress', progress);
    if (completions.length) await db.insert('completions', completions);
    // Distinct days per person can repeat (the hash may pick one day twice): keep the first.
    const seen = new Set<string>();
    const uniqueLedger = ledger.filter((l) => {
      const id = (l as { _id: string })._id;
      return seen.has(id) ? false : (seen.add(id), true);
    });
    if (uniqueLedger.length) await db.insert('pointsLedger', uniqueLedger);
    out.persons += persons.length;
    out.employments += employments.length;
    out.completions += completions.length;
    out.ledger += uniqueLedger.length;
    if ((start - from) % 50_000 === 0) o.log?.(`  synthetic: ${Math.min(to, start + BATCH) - from} / ${o.persons} persons (${isoWeekKey(now)})`);
  }
  return out;
}

/** The province's towns, read from the regions table (every level below a county). */
export async function provinceTowns(): Promise<string[]> {
  const { getDb } = await import('../../cloudfunctions/common/db');
  const db = getDb();
  const out: string[] = [];
  for (let after = ''; ; ) {
    const page = await db.collection('regions').where({ level: 'town', _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(1000).field({ _id: true }).get<{ _id: string }>();
    out.push(...page.data.map((r) => r._id));
    if (page.data.length < 1000) return out;
    after = page.data[page.data.length - 1]._id;
  }
}

async function cli(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const persons = Number(arg('--persons') ?? 10_000);
  const dataDir = arg('--data-dir') ?? '.data';
  const { startLocalCloud } = await import('../localcloud/server');
  const cloud = await startLocalCloud({ port: 0, dataDir, timers: false, log: () => undefined });
  try {
    Object.assign(process.env, cloud.sdkEnv('seed'));
    const towns = await provinceTowns();
    if (!towns.length) throw new Error(`no towns in ${dataDir}: start the cloud once (npm start) to bootstrap it`);
    const from = Number(arg('--from') ?? 0);
    const r = await generateSynthetic(cloud.db, { persons, from, towns, now: new Date(), courseIds: ['crs-synthetic'], log: console.log });
    const { reconcileOversight } = await import('../../cloudfunctions/stats/reconcileOversight');
    const { getDb } = await import('../../cloudfunctions/common/db');
    const rollups = await reconcileOversight(getDb());
    console.log(`written: ${JSON.stringify(r)}; rollups built (${rollups.drift} documents set)`);
  } finally {
    await cloud.close();
  }
}

if (require.main === module)
  cli().catch((e) => {
    console.error(e);
    process.exit(1);
  });
