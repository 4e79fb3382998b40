/**
 * `npm run bench`: sizes and costs we track, written to BENCHMARKS.md (people) and BENCHMARKS.json
 * (flat metric → number). Cost is database round trips per action, counted by the local database
 * server per function instance — not wall-clock time, which this shared 2-core machine cannot
 * measure repeatably. Cold require times are reported as a median of several runs, for orientation.
 */
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { build } from './build';
import { buildFunctions } from './build-functions';
import { startSeededCloud } from './localcloud/testing/seededCloud';
import { ADMIN_DIST, FUNCTIONS_DIST, ROOT, WEAPP_DIST, functionNames } from './paths';
import { makeIdNumber } from '../shared/idNumber';
import { PRIVACY_NOTICE_VERSION } from '../shared/privacy';
import { TEMPLATE_HEADER, tableToXlsx } from '../shared/staffImport';
import { uploadAs } from './localcloud/testing/upload';
import { drawPaper, type DrawingRuleInput, drawingRuleInput, toDrawCandidate } from '../shared/exam/drawing';
import { gradePaper } from '../shared/exam/grading';
import { makeQuestion } from '../shared/exam/testPool';
import type { Question } from '../shared/exam/questions';
import { displayedKeys } from '../shared/exam/basics';
import type { AttemptDoc } from '../cloudfunctions/exam/attemptDoc';
import { generateSynthetic, provinceTowns } from './oversight/synthetic';
import { isoWeekKey } from '../shared/calendar';
import { reconcileOversight } from '../cloudfunctions/stats/reconcileOversight';
import { getDb } from '../cloudfunctions/common/db';

type Metrics = Record<string, number>;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

function weappSizes(m: Metrics): void {
  const appJson = JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const total = dirBytes(WEAPP_DIST);
  const sub = subRoots.reduce((n, r) => n + dirBytes(join(WEAPP_DIST, r)), 0);
  m['weapp.mainPackageKB'] = kb(total - sub);
  m['weapp.totalKB'] = kb(total);
}

function functionSizes(m: Metrics): void {
  for (const fn of functionNames()) {
    const bundle = join(FUNCTIONS_DIST, fn, 'index.js');
    m[`fn.${fn}.bundleKB`] = kb(statSync(bundle).size);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const out = execFileSync(
        process.execPath,
        ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`],
        { cwd: ROOT, env: { ...process.env, TENCENTCLOUD: 'true', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x' } },
      );
      runs.push(Number(out.toString()));
    }
    runs.sort((a, b) => a - b);
    m[`fn.${fn}.coldRequireMs`] = Math.round(runs[2] * 10) / 10;
  }
}

/**
 * What a browser fetches before the console can render: index.html plus every script, preload and
 * stylesheet it names (whatever base the build uses: /admin/, ./ or /).
 * The import page's xlsx code must stay in its own lazy chunk: finding it here fails the bench.
 */
function consoleFirstLoad(m: Metrics): void {
  const html = readFileSync(join(ADMIN_DIST, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="(?:\/admin\/|\.\/|\/)?([^"':]+\.(?:js|css))"/g)].map((x) => x[1]);
  if (!assets.some((a) => a.endsWith('.js'))) throw new Error('console first load: no script found in dist/admin/index.html');
  let gz = gzipSync(html).length;
  for (const a of assets) {
    const code = readFileSync(join(ADMIN_DIST, a));
    if (/sheet_to_json|SheetJS/.test(code.toString('utf8'))) throw new Error(`console first load: ${a} carries the xlsx code (keep it in the import page's lazy chunk)`);
    gz += gzipSync(code).length;
  }
  m['console.firstLoadGzKB'] = kb(gz);
}

/** Round trips of one representative call per action, through the real local cloud. */
async function roundTrips(m: Metrics): Promise<void> {
  const seeded = await startSeededCloud({ tmpPrefix: 'anxue-bench-' });
  const { cloud } = seeded;
  try {
    const call = async (fn: string, body: Record<string, unknown>, openid = 'bench-user', variant = '') => {
      const res = await fetch(`${cloud.url}/api/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': openid }, body: JSON.stringify(body) });
      const json = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; code?: string };
      if (!json.ok) throw new Error(`${fn}.${body.action} failed: ${json.code}`);
      m[`roundTrips.${fn}.${body.action}${variant}`] = Number(res.headers.get('x-db-round-trips'));
      return json.data!;
    };
    const login = async (username: string) => (await call('identity', { action: 'consoleLogin', username, password: 'Anxue@2026' })).token as string;
    await call('org', { action: 'searchEnterprises', keyword: '' });
    await call('org', { action: 'listRegions', parentCode: '3704' });
    const county = await login('tz_regulator');
    await call('identity', { action: 'consoleMe', sessionToken: county });
    await call('org', { action: 'listEnterprises', sessionToken: county });
    await call('stats', { action: 'rollupEnterpriseCounts', sessionToken: await login('admin') });

    // Workers and approvals (issue 4).
    const ent = await login('ent_admin');
    const me = (await call('identity', { action: 'consoleMe', sessionToken: ent })).account as { enterpriseId: string };
    const worker = { name: '王安全', idNumber: makeIdNumber('370481', '19900101', '101'), password: 'Bench1234' };
    await call('identity', { action: 'register', ...worker, enterpriseId: me.enterpriseId, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION }, 'bench-worker');
    await call('identity', { action: 'me' }, 'bench-worker', '.bound');
    await call('identity', { action: 'me' }, 'bench-guest', '.guest');
    await call('org', { action: 'pendingRequestCount', sessionToken: ent });
    const requests = (await call('org', { action: 'listRequests', sessionToken: ent })).items as { _id: string }[];
    await call('org', { action: 'decideRequest', requestId: requests[0]._id, decision: 'approve', sessionToken: ent });
    await call('identity', { action: 'login', idNumber: worker.idNumber, password: worker.password }, 'bench-worker-2');
    const staff = (await call('org', { action: 'listStaff', sessionToken: ent })).items as { _id: string }[];
    await call('org', { action: 'addStaff', name: '李新员', idNumber: makeIdNumber('370481', '19920202', '202'), postCategory: 'otherWorker', employmentType: 'regular', sessionToken: ent });
    await call('org', { action: 'revealIdNumber', personId: staff[0]._id, sessionToken: ent });
    await call('org', { action: 'leaveStaff', personId: staff[1]._id, sessionToken: ent });

    // A 100-row staff import (one commit chunk: every new account's one-time password is hashed at full cost).
    const rows = Array.from({ length: 100 }, (_, i) => ['员工' + '甲乙丙丁戊己庚辛壬癸'[i % 10] + '号', makeIdNumber('370481', '19850101', String(300 + i)), '', '', '其他从业人员', '正式员工']);
    await call('files', { action: 'requestUpload', purpose: 'staffImport', name: 'bench-ticket.xlsx', size: 1024, contentType: '', sessionToken: ent });
    const fileID = await uploadAs(cloud.url, ent, Buffer.from(tableToXlsx([[...TEMPLATE_HEADER], ...rows])), 'bench.xlsx');
    await call('imports', { action: 'staffImportDryRun', fileID, sessionToken: ent });
    await call('imports', { action: 'staffImportCommit', fileID, offset: 0, limit: 100, sessionToken: ent });

    // Trust (issue 7): the worker's own requests, 信息变更, account management, session end, reconcile.
    await call('identity', { action: 'updateProfile', postCategory: 'teamLeader' }, 'bench-worker-2', '.infoChange');
    const other = (await call('org', { action: 'searchEnterprises', keyword: '' })).items as { _id: string }[];
    const target = other.find((e) => e._id !== me.enterpriseId)!;
    const { requestId } = (await call('identity', { action: 'requestEmployerChange', enterpriseId: target._id }, 'bench-worker-2')) as { requestId: string };
    await call('identity', { action: 'cancelRequest', requestId }, 'bench-worker-2');
    const sys = await login('admin');
    await call('identity', { action: 'resetAccountPassword', accountId: 'u:zz_regulator', sessionToken: sys });
    await call('stats', { action: 'reconcileCounts', sessionToken: sys });
    await call('identity', { action: 'consoleLogout', sessionToken: county });

    await studyCosts(m, cloud, call, sys);
  } finally {
    await seeded.close();
  }
}

/**
 * Publishing at scale (issue 9): a county of bench persons, bulk-inserted straight into the local
 * database (not through actions), reached by a sysadmin's course at 1,000 and at 100,000 matching
 * persons. Publishing must write the same, and ≤ 2, whatever the reach (write requests: inserts,
 * updates, removes, the audit entry included); the reach preview is count queries only — its
 * wall-clock time at 100,000 is reported for orientation (median of 3).
 */
async function publishAtScale(m: Metrics): Promise<void> {
  const seeded = await startSeededCloud({ tmpPrefix: 'anxue-bench-publish-' });
  const { cloud } = seeded;
  try {
    const call = async (body: Record<string, unknown>) => {
      const res = await fetch(`${cloud.url}/api/fn/learning`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string };
      if (!json.ok) throw new Error(`learning.${String(body.action)} failed: ${json.code} ${json.message}`);
      return json.data!;
    };
    const login = await fetch(`${cloud.url}/api/fn/identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' }) });
    const sessionToken = ((await login.json()) as { data: { token: string } }).data.token;
    const WRITES = ['insertDocument', 'modifyDocument', 'modifyAndReturnDoc', 'removeDocument'].map((a) => `database.${a}`);
    const writes = () => WRITES.reduce((n, a) => n + (cloud.db.stats().requests.byAction[a] ?? 0), 0);
    // A county of its own (no demo data there): 379901, 20 enterprises.
    const county = { provinceCode: '37', cityCode: '3799', countyCode: '379901' };
    const now = new Date();
    const ents = Array.from({ length: 20 }, (_, i) => ({ _id: `BENCH-E-${i}`, name: `压测企业${i}`, regionCode: '379901', ...county, townCode: null, industry: 'machinery', supervisionType: 'emergency', keyAreas: ['dustExplosion'], scale: 'above', status: 'active', staffCount: 0, createdAt: now, updatedAt: now }));
    await cloud.db.insert('enterprises', ents);
    let inserted = 0;
    const addPersons = async (n: number) => {
      for (let done = 0; done < n; done += 5000) {
        const batch = Array.from({ length: Math.min(5000, n - done) }, (_, i) => {
          const k = inserted + done + i;
          return { _id: `pbench${k}`, name: `压测${k}`, status: 'active', enterpriseId: `BENCH-E-${k % 20}`, ...county, industry: 'machinery', supervisionType: 'emergency', keyAreas: ['dustExplosion'], scale: 'above', postCategory: 'otherWorker', certificates: [], createdAt: now, updatedAt: now };
        });
        await cloud.db.insert('persons', batch);
      }
      inserted += n;
    };
    const publishWrites = async (reach: number) => {
      const { course } = (await call({ action: 'createCourse', sessionToken, title: `压测课程${reach}`, category: 'required', creditedHours: 1, materials: [{ kind: 'article', title: '正文', html: '<p>安全第一</p>', requiredSeconds: 60 }], pushRule: { regionCodes: ['379901'] } })) as { course: { _id: string } };
      const before = writes();
      const r = (await call({ action: 'publishCourse', sessionToken, courseId: course._id })) as { reach: { persons: number } };
      if (r.reach.persons !== reach) throw new Error(`publish reach ${r.reach.persons}, expected ${reach}`);
      return writes() - before;
    };
    await addPersons(1000);
    m['publish.writes.1k'] = await publishWrites(1000);
    await addPersons(99_000);
    m['publish.writes.100k'] = await publishWrites(100_000);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      const p = (await call({ action: 'previewReach', sessionToken, pushRule: { regionCodes: ['379901'], industries: ['machinery', 'commerce'] } })) as { persons: number };
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (p.persons !== 100_000) throw new Error(`previewReach counted ${p.persons}`);
    }
    runs.sort((a, b) => a - b);
    m['publish.reachPreviewMs.100k'] = Math.round(runs[1]);
  } finally {
    await seeded.close();
  }
}

/** The router's lookup of the person bound to the caller's OPENID: the study budgets count the action's own round trips after it. */
/** Database requests that write (local database wire actions). */
const WRITE_ACTION = /insert|modify|update|remove|delete|set/i;

/**
 * Issue 9: a worker's tasks, checkpoints, completion and rank, with the local clock moved forward
 * (never slept). `study.writesPerLearnerHour`: every database write of one hour of study — the
 * start plus a checkpoint every `checkpointEverySeconds` — on a material longer than the hour.
 */
async function studyCosts(
  m: Metrics,
  cloud: Awaited<ReturnType<typeof startSeededCloud>>['cloud'],
  call: (fn: string, body: Record<string, unknown>, openid?: string, variant?: string) => Promise<Record<string, unknown>>,
  sys: string,
): Promise<void> {
  const worker = 'bench-worker-2';
  const advance = async (seconds: number) => {
    const res = await fetch(`${cloud.url}/api/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
    if (!res.ok) throw new Error(`local clock: HTTP ${res.status}`);
  };
  const publish = async (title: string, requiredSeconds: number) => {
    const { course } = (await call('learning', { action: 'createCourse', sessionToken: sys, title, category: 'required', creditedHours: 1, materials: [{ kind: 'article', title: '资料', html: '<p>安全生产</p>', requiredSeconds }] })) as { course: { _id: string } };
    await call('learning', { action: 'publishCourse', courseId: course._id, sessionToken: sys });
    const detail = (await call('learning', { action: 'getCourse', courseId: course._id }, worker)) as { course: { materials: { _id: string }[] } };
    return { courseId: course._id, materialId: detail.course.materials[0]._id };
  };
  // Raw totals as the database server counts them (X-DB-Round-Trips), the router's caller lookup included.
  const raw = (key: string) => m[`roundTrips.learning.${key}`];
  const long = await publish('基准课程（四小时）', 4 * 3600);
  const short = await publish('基准课程（六分钟）', 360);
  const writes = () => Object.entries(cloud.db.stats().requests.byAction).reduce((n, [action, count]) => n + (WRITE_ACTION.test(action) ? count : 0), 0);
  const before = writes();
  const { sessionId, checkpointEverySeconds } = (await call('learning', { action: 'startStudy', ...long }, worker)) as { sessionId: string; checkpointEverySeconds: number };
  for (let elapsed = 0; elapsed < 3600; elapsed += checkpointEverySeconds) {
    await advance(checkpointEverySeconds);
    await call('learning', { action: 'checkpoint', sessionId }, worker);
  }
  m['study.writesPerLearnerHour'] = writes() - before;
  m['study.roundTrips.checkpoint'] = raw('checkpoint');
  // The page hides, shows, hides again: each hide flushes the session's credit to progress, the day's
  // ledger entry and the rollups. The second one is measured (the first in a fresh environment also
  // creates the rollup documents and moves the course's learner counter, once).
  await advance(60);
  await call('learning', { action: 'checkpoint', sessionId, hidden: true }, worker);
  await advance(60);
  await call('learning', { action: 'checkpoint', sessionId, hidden: false }, worker);
  await advance(60);
  const beforeHide = writes();
  await call('learning', { action: 'checkpoint', sessionId, hidden: true }, worker, '.hidden');
  m['study.writesPerSessionFlush'] = writes() - beforeHide;
  // With points, so the rank aggregate runs too.
  await call('learning', { action: 'myTasks' }, worker);
  m['study.roundTrips.myTasks'] = raw('myTasks');

  const finishing = (await call('learning', { action: 'startStudy', ...short }, worker)) as { sessionId: string };
  await advance(360);
  const done = (await call('learning', { action: 'checkpoint', sessionId: finishing.sessionId }, worker, '.complete')) as { done: boolean };
  if (!done.done) throw new Error('bench: the short course did not complete');
  m['study.roundTrips.complete'] = raw('checkpoint.complete');
  await call('learning', { action: 'myRank' }, worker);
  m['study.roundTrips.myRank'] = raw('myRank');
}

/**
 * Issue 11: the oversight dashboard at 10,000 and at 100,000 synthetic persons (scripts/oversight/
 * synthetic.ts: enterprises over the province's towns, employment history, course starts and
 * completions, study-time ledger entries), the rollups built from the records by the reconciliation
 * as after any bulk load. Reads (X-DB-Round-Trips, the router's caller lookup included) and time of a
 * province and a county dashboard must not grow with the population. Then real events go through
 * the actions (registration, addStaff, 离职) and the reconciliation must find zero drift.
 */
async function oversightAtScale(m: Metrics): Promise<void> {
  const seeded = await startSeededCloud({ tmpPrefix: 'anxue-bench-oversight-' });
  const { cloud } = seeded;
  try {
    const api = async (fn: string, body: Record<string, unknown>) => {
      const t = process.hrtime.bigint();
      const res = await fetch(`${cloud.url}/api/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      const json = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string };
      if (!json.ok) throw new Error(`${fn}.${String(body.action)} failed: ${json.code} ${json.message}`);
      return { data: json.data!, reads: Number(res.headers.get('x-db-round-trips')), ms };
    };
    const login = async (username: string) => (await api('identity', { action: 'consoleLogin', username, password: 'Anxue@2026' })).data.token as string;
    const [province, county] = [await login('sd_regulator'), await login('tz_regulator')];
    const towns = await provinceTowns();
    const now = new Date();
    const courseIds = ['crs-syn-1', 'crs-syn-2', 'crs-syn-3'];
    const measure = async () => {
      // In this process (the seeded cloud's SDK environment), as the generator's CLI does after a bulk load.
      const t0 = process.hrtime.bigint();
      await reconcileOversight(getDb(), { fix: true });
      const rebuilt = { ms: Number(process.hrtime.bigint() - t0) / 1e6 };
      const views = [{ sessionToken: province }, { sessionToken: county }];
      for (let i = 0; i < 3; i++) for (const v of views) await api('oversight', { action: 'dashboard', ...v }); // warm instances (and let the database settle after the bulk writes)
      const times: number[] = [];
      let reads = 0;
      for (let i = 0; i < 11; i++) {
        let ms = 0;
        reads = 0;
        for (const v of views) {
          const r = await api('oversight', { action: 'dashboard', ...v });
          ms += r.ms;
          reads += r.reads;
        }
        times.push(ms);
      }
      // 周通报 of the same two views (this week): rollups only, so reads and time must not grow either.
      const week = isoWeekKey(now);
      for (const v of views) await api('oversight', { action: 'weeklyReport', week, ...v });
      const weeklyTimes: number[] = [];
      let weeklyReads = 0;
      for (let i = 0; i < 11; i++) {
        let ms = 0;
        weeklyReads = 0;
        for (const v of views) {
          const r = await api('oversight', { action: 'weeklyReport', week, ...v });
          ms += r.ms;
          weeklyReads += r.reads;
        }
        weeklyTimes.push(ms);
      }
      return { reads, ms: median(times), reconcileMs: rebuilt.ms, weeklyReads, weeklyMs: median(weeklyTimes) };
    };
    await generateSynthetic(cloud.db, { persons: 10_000, towns, now, courseIds });
    const small = await measure();
    await generateSynthetic(cloud.db, { persons: 90_000, from: 10_000, towns, now, courseIds });
    const large = await measure();
    m['dashboard.reads.10k'] = small.reads;
    m['dashboard.reads.100k'] = large.reads;
    m['dashboard.readsRatio'] = Math.round((large.reads / small.reads) * 100) / 100;
    m['dashboard.ms.10k'] = Math.round(small.ms);
    m['dashboard.ms.100k'] = Math.round(large.ms);
    m['dashboard.timeRatio'] = Math.round((large.ms / small.ms) * 100) / 100;
    m['reconcile.ms.100k'] = Math.round(large.reconcileMs);
    m['weeklyReport.reads.10k'] = small.weeklyReads;
    m['weeklyReport.reads.100k'] = large.weeklyReads;
    m['weeklyReport.readsRatio'] = Math.round((large.weeklyReads / small.weeklyReads) * 100) / 100;
    m['weeklyReport.ms.10k'] = Math.round(small.weeklyMs);
    m['weeklyReport.ms.100k'] = Math.round(large.weeklyMs);
    m['weeklyReport.timeRatio'] = Math.round((large.weeklyMs / small.weeklyMs) * 100) / 100;

    // Real events on top of the synthetic population, then the nightly check.
    const ent = await login('ent_admin');
    for (let i = 0; i < 5; i++) await api('org', { action: 'addStaff', name: `合成新员${'甲乙丙丁戊'[i]}`, idNumber: makeIdNumber('370481', '19930303', String(400 + i)), postCategory: 'otherWorker', employmentType: 'regular', sessionToken: ent });
    const staff = (await api('org', { action: 'listStaff', sessionToken: ent })).data.items as { _id: string }[];
    for (const p of staff.slice(0, 2)) await api('org', { action: 'leaveStaff', personId: p._id, sessionToken: ent });
    const t1 = process.hrtime.bigint();
    const check = await reconcileOversight(getDb(), { fix: false });
    m['reconcile.checkMs.100k'] = Math.round(Number(process.hrtime.bigint() - t1) / 1e6);
    m['reconcile.drift'] = check.drift;
    m['reconcile.documents.100k'] = check.documents;
    if (check.drift) console.error('oversight drift after the synthetic events:', check.sample.slice(0, 10));
  } finally {
    await seeded.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/**
 * Issue 10: drawing and grading a 100-question paper (CPU only: the pool and question versions are
 * cached per instance), the round trips of start / saveAnswer / submit, and concurrent submits
 * through the local cloud: 500 attempts each submitted twice at once (1,000 requests) must all
 * answer, grade every attempt exactly once (rev 0 → 1) and agree per attempt.
 */
async function examCosts(m: Metrics): Promise<void> {
  // Pure: 3,000 candidates, 40 judge + 40 single + 20 multiple.
  const bank = 'qbbench';
  const qs: Question[] = [];
  for (const type of ['judge', 'single', 'multiple'] as const) for (let i = 0; i < 1000; i++) qs.push(makeQuestion(bank, type, i));
  const pool = qs.map(toDrawCandidate);
  const ruleIn: DrawingRuleInput = {
    sections: [
      { from: { bankIds: [bank] }, type: 'judge', count: 40, scorePerQuestion: 1 },
      { from: { bankIds: [bank] }, type: 'single', count: 40, scorePerQuestion: 1 },
      { from: { bankIds: [bank] }, type: 'multiple', count: 20, scorePerQuestion: 1 },
    ],
  };
  const rule = drawingRuleInput.parse(ruleIn);
  const keys = new Map(qs.map((q) => [q._id, q]));
  const draws: number[] = [];
  const grades: number[] = [];
  for (let i = 0; i < 21; i++) {
    let t = process.hrtime.bigint();
    const d = drawPaper(rule, pool, `bench:${i}`);
    draws.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!d.ok) throw new Error('bench: draw failed');
    const answers = Object.fromEntries(d.paper.items.map((it) => [it.questionId, ['A']]));
    t = process.hrtime.bigint();
    gradePaper(d.paper, keys, answers, { passScore: 80 });
    grades.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  m['exam.drawMs'] = Math.round(median(draws) * 100) / 100;
  m['exam.gradeMs'] = Math.round(median(grades) * 100) / 100;

  const seeded = await startSeededCloud({ tmpPrefix: 'anxue-bench-exam-' });
  const { cloud } = seeded;
  try {
    const post = async (body: Record<string, unknown>, openid?: string) => {
      const t = process.hrtime.bigint();
      const res = await fetch(`${cloud.url}/api/fn/exam`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) }, body: JSON.stringify(body) });
      const json = (await res.json()) as { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string };
      return { json, ms: Number(process.hrtime.bigint() - t) / 1e6, rt: Number(res.headers.get('x-db-round-trips')), fnMs: Number(res.headers.get('x-fn-ms')) };
    };
    const ok = async (body: Record<string, unknown>, openid?: string) => {
      const r = await post(body, openid);
      if (!r.json.ok) throw new Error(`exam.${String(body.action)} failed: ${r.json.code} ${r.json.message}`);
      return r;
    };
    const login = await fetch(`${cloud.url}/api/fn/identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' }) });
    const sessionToken = ((await login.json()) as { data: { token: string } }).data.token;
    // A bank of 300 (owned by the sysadmin who publishes) and 500 workers bound to OPENIDs, bulk-inserted.
    const at = new Date();
    const stored = [...qs.filter((q) => q.type === 'judge').slice(0, 100), ...qs.filter((q) => q.type === 'single').slice(0, 100), ...qs.filter((q) => q.type === 'multiple').slice(0, 100)];
    await cloud.db.insert('questionBanks', [{ _id: bank, name: '压测题库', description: '', courseId: null, industries: [], owner: { role: 'sysadmin', name: '系统管理员' }, ownerRegions: [], counts: { judge: 100, single: 100, multiple: 100 }, createdAt: at, updatedAt: at }]);
    await cloud.db.insert('questions', stored);
    const county = { provinceCode: '37', cityCode: '3799', countyCode: '379901', townCode: null };
    await cloud.db.insert('enterprises', [{ _id: 'BENCH-EX-E', name: '考试压测企业', regionCode: '379901', ...county, industry: 'machinery', supervisionType: 'emergency', keyAreas: [], scale: 'above', status: 'active', staffCount: 0, createdAt: at, updatedAt: at }]);
    const N = 500;
    await cloud.db.insert(
      'persons',
      Array.from({ length: N }, (_, k) => ({ _id: `xbench${k}`, name: `考生${k}`, idMasked: '3799**********000X', status: 'active', enterpriseId: 'BENCH-EX-E', enterpriseName: '考试压测企业', departmentId: null, ...county, industry: 'machinery', supervisionType: 'emergency', keyAreas: [], scale: 'above', postCategory: 'otherWorker', certificates: [], openid: `xb-${k}`, mustChangePassword: false, createdAt: at, updatedAt: at })),
    );
    const now = Date.now();
    const { json } = await ok({ action: 'createExam', sessionToken, title: '压测正式考试', kind: 'formal', rule: ruleIn, fullScore: 100, passScore: 80, durationMinutes: 60, opensAt: new Date(now - 3600_000).toISOString(), closesAt: new Date(now + 7 * 86400_000).toISOString(), pushRule: { regionCodes: ['379901'] } });
    const examId = (json.data!.exam as { _id: string })._id;
    await ok({ action: 'publishExam', sessionToken, examId });

    // Raw counts as the database server counts them (X-DB-Round-Trips), the router's read of the caller included.
    const cold = await ok({ action: 'start', examId }, 'xb-0');
    const warm = await ok({ action: 'start', examId }, 'xb-1');
    m['exam.roundTrips.start.cold'] = cold.rt;
    m['exam.roundTrips.start'] = warm.rt;
    const paper = warm.json.data as { attemptId: string; questions: { _id: string }[] };
    // Every answer right (the keys read from the stored attempt): the submit measured is a first pass, ledger entry included.
    const storedAttempt = (await (await import('../cloudfunctions/common/db')).getDb().collection('attempts').doc(paper.attemptId).get()).data as unknown as AttemptDoc | AttemptDoc[];
    const att = Array.isArray(storedAttempt) ? storedAttempt[0] : storedAttempt;
    const saves: number[] = [];
    for (const item of att.paper.items) {
      const shown = displayedKeys(item);
      const answer = att.keys[item.questionId].map((k) => shown[item.optionOrder.indexOf(k)]).sort();
      saves.push((await ok({ action: 'saveAnswer', attemptId: paper.attemptId, questionId: item.questionId, answer }, 'xb-1')).rt);
    }
    m['exam.roundTrips.saveAnswer'] = Math.max(...saves);
    const passed = await ok({ action: 'submit', attemptId: paper.attemptId }, 'xb-1');
    if (!(passed.json.data as { passed: boolean }).passed) throw new Error('bench: the all-right paper did not pass');
    m['exam.roundTrips.submit'] = passed.rt;
    m['exam.roundTrips.submit.replay'] = (await ok({ action: 'submit', attemptId: paper.attemptId }, 'xb-1')).rt;
    m['exam.roundTrips.myExams'] = (await ok({ action: 'myExams' }, 'xb-1')).rt;

    // Warm the local cloud's instances (up to 20 per function) a few at a time: a cold exam bundle
    // costs seconds of CPU on this 2-core machine, and 20 cold at once would hit the 60 s timeout.
    for (const width of [4, 8, 12, 16, 20]) await Promise.all(Array.from({ length: width }, () => ok({ action: 'myExams' }, 'xb-0')));
    // The others start (5 at a time), then 1,000 submits at once: every attempt twice.
    const ids: string[] = [(cold.json.data as { attemptId: string }).attemptId];
    const B = 5;
    for (let k = 2; k < N; k += B) {
      const batch = await Promise.all(Array.from({ length: Math.min(B, N - k) }, (_, i) => ok({ action: 'start', examId }, `xb-${k + i}`)));
      ids.push(...batch.map((b) => (b.json.data as { attemptId: string }).attemptId));
    }
    const owners = new Map(ids.map((id) => [id, `xb-${id.split(':')[2].replace('xbench', '')}`]));
    // The local cloud, as CloudBase, refuses calls beyond its instances and queue (RATE_LIMITED, HTTP 502;
    // or the connection is reset): the client tries again after a pause, as a page would; latency counts from the first try.
    let busyRetries = 0;
    const submitOnce = async (id: string) => {
      const t = process.hrtime.bigint();
      for (let tries = 0; ; tries++) {
        const r = await post({ action: 'submit', attemptId: id }, owners.get(id)).catch(() => ({ json: { ok: false, code: 'RATE_LIMITED' } as { ok: boolean; code?: string; data?: Record<string, unknown> }, ms: 0, rt: 0, fnMs: 0 }));
        // Refused as busy, or failed inside (a database timeout under this load): submit is idempotent, so the page sends it again.
        if (r.json.ok || (r.json.code !== 'RATE_LIMITED' && r.json.code !== 'INTERNAL') || tries >= 100) return { ...r, ms: Number(process.hrtime.bigint() - t) / 1e6 };
        busyRetries++;
        // Exponential backoff with jitter (0.3 s doubling to 5 s): a fixed 0.2–0.5 s pause made 1,000 clients
        // hammer the busy cloud ~3,000 times a second — on this machine the same process as the database —
        // so the retries themselves slowed the submits they waited for (19,139 retries, p95 80 s).
        await new Promise((res) => setTimeout(res, Math.min(5000, 300 * 2 ** Math.min(tries, 5)) * (0.5 + Math.random())));
      }
    };
    const submits = await Promise.all([...ids, ...ids].map((id) => submitOnce(id)));
    m['exam.concurrentSubmits.busyRetries'] = busyRetries;
    const answers = new Map<string, string>();
    let lost = 0;
    submits.forEach((r, i) => {
      const id = [...ids, ...ids][i];
      if (!r.json.ok) lost++;
      const seen = answers.get(id);
      const mine = JSON.stringify(r.json.data);
      if (seen !== undefined && seen !== mine) lost++;
      answers.set(id, mine);
    });
    const _ = (await import('../cloudfunctions/common/db')).getDb();
    const graded = (await _.collection('attempts').where({ examId, status: 'graded' }).field({ _id: true, rev: true }).limit(1000).get<{ _id: string; rev: number }>()).data;
    const gradedIds = new Set(graded.map((a) => a._id));
    lost += ids.filter((id) => !gradedIds.has(id)).length;
    m['exam.concurrentSubmits.lost'] = lost;
    m['exam.concurrentSubmits.doubleGraded'] = graded.filter((a) => a.rev !== 1).length;
    m['exam.submitP95Ms'] = Math.round(p95(submits.map((r) => r.ms)));
    // Inside the function instance (X-Fn-Ms of the answered try): what the submit itself costs, without the wait for an instance.
    m['exam.submitFnP95Ms'] = Math.round(p95(submits.map((r) => r.fnMs)));
    // The same concurrency of bare single-document writes over the database path the functions use (wx-server-sdk → local database).
    const bare = await Promise.all(
      Array.from({ length: 1000 }, async (_x, i) => {
        const t = process.hrtime.bigint();
        await _.collection('locks').doc(`benchwrite:${i}`).set({ data: { i, at } });
        return Number(process.hrtime.bigint() - t) / 1e6;
      }),
    );
    m['exam.bareWriteP95Ms'] = Math.round(p95(bare));
  } finally {
    await seeded.close();
  }
}

const DESCRIPTIONS: [RegExp, string][] = [
  [/^exam\.roundTrips\.start\.cold$/, 'start on a cold instance: + the pool snapshot and the drawn question versions (1 read each), then cached for good'],
  [/^exam\.roundTrips\.submit\.replay$/, 'a repeated submit of a graded attempt: the caller with its attempt (1 aggregate), nothing written'],
  [/^exam\.roundTrips\./, 'database round trips of one exam call as the server counts them (X-DB-Round-Trips), the router’s read of the caller included (with its exam / attempt: one aggregate); budgets start ≤ 3 (warm), saveAnswer ≤ 2, submit ≤ 3 (a first pass: + the ledger entry; the learner’s total follows with the timer)'],
  [/^exam\.(draw|grade)Ms$/, '100-question paper from a 3,000-candidate pool, CPU only (median of 21, orientation only)'],
  [/^exam\.concurrentSubmits\./, '500 attempts each submitted twice at once (1,000 submits through the local cloud): submits that failed, disagreed or left an attempt ungraded (lost) and attempts graded more than once (rev ≠ 1)'],
  [/^exam\.concurrentSubmits\.busyRetries$/, 'submits sent again by the client (exponential backoff with jitter, 0.3 s doubling to 5 s): refused as busy (20 instances + a queue of 200, as CloudBase limits concurrency), reset, or INTERNAL (database timeouts under this load)'],
  [/^exam\.submitFnP95Ms$/, 'p95 of the same submits’ time inside the function instance (X-Fn-Ms): the rest of submitP95Ms is waiting for one of the 20 instances'],
  [/^exam\.submitP95Ms$/, 'p95 latency of those 1,000 concurrent submits (wall clock on this shared machine, orientation only)'],
  [/^exam\.bareWriteP95Ms$/, 'p95 of 1,000 concurrent single-document writes over the same database path (wx-server-sdk → local database), for the ratio'],
  [/^publish\.writes\./, 'database write requests of one publishCourse reaching that many persons (audit entry included; equal and ≤ 2: no fan-out)'],
  [/^publish\.reachPreviewMs\./, 'previewReach over 100,000 matching persons, count queries only (wall-clock median of 3, orientation only)'],
  [/^study\.writesPerLearnerHour$/, 'database writes for one hour of study (start + a checkpoint every 360 s); budget 12'],
  [/^study\.writesPerSessionFlush$/, 'database writes when a session’s credit is flushed (hide, replacement, material done, new day): CAS + progress + day ledger entry + rollups (one multi-document update)'],
  [/^study\.roundTrips\.complete$/, 'database round trips of the finishing checkpoint, as the server counts them: the caller with its learner document (1), CAS, then progress, ledger, completion, course counter, rollups'],
  [/^study\.roundTrips\./, 'database round trips of one call as the server counts them (X-DB-Round-Trips), the router’s read of the caller and its learner document (1 aggregate) included; budgets myTasks ≤ 3, checkpoint ≤ 2, myRank ≤ 2'],
  [/^weapp\./, 'WeChat package size (limit 2048 KB main package; our budget 1024 KB)'],
  [/^fn\..*\.bundleKB$/, 'cloud function bundle size (wx-server-sdk external)'],
  [/^fn\..*\.coldRequireMs$/, 'cold require of the bundle, median of 5 (orientation only)'],
  [/^console\./, 'console first load, gzipped (index.html + entry JS/CSS)'],
  [/^roundTrips\.imports\.staffImportCommit$/, 'database round trips for one 100-row commit chunk'],
  [/^roundTrips\.stats\.reconcileCounts$/, 'database round trips for the nightly reconcile (one aggregation + enterprises in pages of 1,000)'],
  [/^roundTrips\./, 'database round trips for one call'],
  [/^dashboard\.reads\./, 'oversight.dashboard, a province and a county view: database round trips (router lookup included)'],
  [/^dashboard\.readsRatio$/, 'dashboard reads at 100,000 ÷ at 10,000 synthetic persons (must be ≤ 1)'],
  [/^dashboard\.ms\./, 'dashboard wall clock, province + county view, median of 11 (orientation)'],
  [/^dashboard\.timeRatio$/, 'dashboard time at 100,000 ÷ at 10,000 synthetic persons (must be ≤ 1.2)'],
  [/^weeklyReport\.reads\./, 'oversight.weeklyReport (this week), a province and a county view: database round trips (router lookup included)'],
  [/^weeklyReport\.readsRatio$/, 'weekly report reads at 100,000 ÷ at 10,000 synthetic persons (must be ≤ 1)'],
  [/^weeklyReport\.ms\./, 'weekly report wall clock, province + county view, median of 11 (orientation)'],
  [/^weeklyReport\.timeRatio$/, 'weekly report time at 100,000 ÷ at 10,000 synthetic persons (must be ≤ 1.2)'],
  [/^reconcile\.drift$/, 'oversight rollup documents that differ from the records after the synthetic events (must be 0)'],
  [/^reconcile\./, 'nightly oversight reconciliation at 100,000 synthetic persons'],
];

async function main(): Promise<void> {
  if (process.argv.includes('--publish-only')) {
    // The publish keys alone, printed (nothing written): builds the functions only.
    await buildFunctions();
    const only: Metrics = {};
    await publishAtScale(only);
    console.log(JSON.stringify(only, null, 2));
    return;
  }
  let m: Metrics = {};
  if (process.argv.includes('--oversight-only') || process.env.BENCH_ONLY === 'oversight') {
    // The oversight keys remeasured over the recorded file: builds the functions only.
    await buildFunctions();
    const fresh: Metrics = {};
    await oversightAtScale(fresh);
    m = { ...(JSON.parse(readFileSync(join(ROOT, 'BENCHMARKS.json'), 'utf8')) as Metrics), ...fresh };
  } else if (process.argv.includes('--exam-only') || process.env.BENCH_ONLY === 'exam') {
    // The exam keys remeasured over the recorded file: builds the functions only.
    await buildFunctions();
    const fresh: Metrics = {};
    await examCosts(fresh);
    m = { ...(JSON.parse(readFileSync(join(ROOT, 'BENCHMARKS.json'), 'utf8')) as Metrics), ...fresh };
  } else if (process.argv.includes('--round-trips-only')) {
    // The round-trip and study keys remeasured over the recorded file (the others kept as they are):
    // builds the functions only, skips the packages and the 100,000-person publish.
    await buildFunctions();
    const fresh: Metrics = {};
    await roundTrips(fresh);
    await examCosts(fresh);
    m = { ...(JSON.parse(readFileSync(join(ROOT, 'BENCHMARKS.json'), 'utf8')) as Metrics), ...fresh };
  } else {
    if (!process.argv.includes('--no-build')) await build({ targets: ['weapp', 'admin', 'h5'] });
    weappSizes(m);
    functionSizes(m);
    consoleFirstLoad(m);
    await roundTrips(m);
    await examCosts(m);
    await publishAtScale(m);
    await oversightAtScale(m);
  }
  const sorted = Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(ROOT, 'BENCHMARKS.json'), JSON.stringify(sorted, null, 2) + '\n');
  const rows = Object.entries(sorted).map(([k, v]) => `| \`${k}\` | ${v} | ${DESCRIPTIONS.find(([re]) => re.test(k))?.[1] ?? ''} |`);
  writeFileSync(
    join(ROOT, 'BENCHMARKS.md'),
    `# Benchmarks\n\nWritten by \`npm run bench\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}` +
      `${process.argv.includes('--round-trips-only') ? '; `--round-trips-only`: the round-trip, study and exam keys, the others from the last full run' : process.argv.includes('--exam-only') || process.env.BENCH_ONLY === 'exam' ? '; `--exam-only` (or `BENCH_ONLY=exam`): the exam keys, the others from the last full run' : process.argv.includes('--oversight-only') || process.env.BENCH_ONLY === 'oversight' ? '; `--oversight-only` (or `BENCH_ONLY=oversight`): the dashboard and reconcile keys, the others from the last full run' : ''}). ` +
      `Round trips are counted by the local database server per function instance; they are the cost metric ` +
      `(CloudBase bills and throttles database requests). Sizes are what users download or what a cold start loads.\n\n` +
      `| metric | value | what it is |\n|---|---|---|\n${rows.join('\n')}\n`,
  );
  console.log(JSON.stringify(sorted, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
