/**
 * kill -9 of the local cloud in the middle of a 基础名单 import — after a chunk's rows are written,
 * before the region rollups — then the re-run of the same file: nothing is written twice and the
 * rollups equal the rows (county, city, province). Runs the built function bundles (npm test builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baselineHeader, baselineTableToXlsx } from '../../shared/baselineSheet';
import type { BaselineSummary } from '../../shared/contracts/imports';
import { CREDIT_CODE_ALPHABET, makeCreditCode } from '../../shared/creditCode';
import { FUNCTIONS_DIST } from '../paths';
import { consoleUpload } from './consoleClient';

const REPO = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'testing', 'cloudProcess.ts');
const ROWS = 30;
const PERIOD = '2026-09';

jest.setTimeout(120_000);

let dataDir: string;
let child: ChildProcess | undefined;
beforeAll(() => {
  expect(existsSync(path.join(FUNCTIONS_DIST, 'imports', 'index.js'))).toBe(true); // run `npm run build:functions` first
  dataDir = mkdtempSync(path.join(tmpdir(), 'anxue-crash-bl-'));
});
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startCloud(env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string; exited: Promise<NodeJS.Signals | number | null> }> {
  const c = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => c.once('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let out = '';
    c.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child: c, base: `http://127.0.0.1:${m[1]}`, exited });
    });
    c.once('exit', (code) => reject(new Error(`local cloud exited early (${code})`)));
  });
}

async function fn<T>(base: string, name: string, body: Record<string, unknown>): Promise<{ ok: boolean; data?: T; code?: string; message?: string }> {
  const res = await fetch(`${base}/api/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': 'o-crash-bl' }, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; data?: T; code?: string };
}

function ok<T>(r: { ok: boolean; data?: T; code?: string; message?: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.data as T;
}

const codeOf = (i: number) => makeCreditCode('370481', `CRASHBL${CREDIT_CODE_ALPHABET[Math.floor(i / 31)]}${CREDIT_CODE_ALPHABET[i % 31]}`.replace(/S/g, 'T'));

it('a kill -9 between the rows and the rollups leaves exact rollups after the import is run again', async () => {
  const rows = Array.from({ length: ROWS }, (_x, i) => [codeOf(i), `崩溃名单${i}号有限公司`, '370481', i % 2 ? '机械' : '商贸']);
  const file = Buffer.from(baselineTableToXlsx([baselineHeader('market'), ...rows], 'market'));
  const login = async (base: string) => ok(await fn<{ token: string }>(base, 'identity', { action: 'consoleLogin', username: 'tz_regulator', password: 'Anxue@2026' })).token;

  // 1. A local cloud whose commit dies (as kill -9) right after writing a chunk's rows.
  const first = await startCloud({ ANXUE_FAILPOINT: 'baselineCommit.afterRows' });
  child = first.child;
  let token = await login(first.base);
  const fileID = await consoleUpload(first.base, token, file, 'market.xlsx', { purpose: 'baselineImport' });
  expect(ok(await fn<{ create: number }>(first.base, 'imports', { action: 'baselineDryRun', fileID, period: PERIOD, list: 'market', sessionToken: token })).create).toBe(ROWS);
  await expect(fn(first.base, 'imports', { action: 'baselineCommit', fileID, period: PERIOD, list: 'market', offset: 0, limit: 20, sessionToken: token })).rejects.toThrow();
  expect(await first.exited).toBe('SIGKILL');

  // 2. Restarted on the same data: the chunk's rows are there, the rollups are not.
  const second = await startCloud();
  child = second.child;
  token = await login(second.base);
  const listed = async () => ok(await fn<{ total: number }>(second.base, 'imports', { action: 'listBaselines', period: PERIOD, list: 'market', pageSize: 1, sessionToken: token })).total;
  const summary = async () => ok(await fn<BaselineSummary>(second.base, 'imports', { action: 'baselineSummary', period: PERIOD, sessionToken: token }));
  expect(await listed()).toBe(20);
  expect((await summary()).totals.enterprises).toBe(0);

  // 3. The same file again: 20 unchanged, 10 new, nothing twice; the rollups follow the rows.
  const again = await consoleUpload(second.base, token, file, 'market.xlsx', { purpose: 'baselineImport' });
  expect(ok(await fn(second.base, 'imports', { action: 'baselineDryRun', fileID: again, period: PERIOD, list: 'market', sessionToken: token }))).toMatchObject({ create: ROWS - 20, unchanged: 20 });
  for (let offset = 0; ; offset += 20) {
    const r = ok(await fn<{ done: boolean }>(second.base, 'imports', { action: 'baselineCommit', fileID: again, period: PERIOD, list: 'market', offset, limit: 20, sessionToken: token }));
    if (r.done) break;
  }
  expect(await listed()).toBe(ROWS);
  const s = await summary();
  expect(s.totals).toMatchObject({ enterprises: ROWS });
  expect(Object.fromEntries(s.byIndustry.map((b) => [b.industry, b.enterprises]))).toEqual({ machinery: ROWS / 2, commerce: ROWS / 2 });
  const city = ok(await fn<BaselineSummary>(second.base, 'imports', { action: 'baselineSummary', period: PERIOD, regionCode: '3704', sessionToken: ok(await fn<{ token: string }>(second.base, 'identity', { action: 'consoleLogin', username: 'zz_regulator', password: 'Anxue@2026' })).token }));
  expect(city.totals.enterprises).toBe(ROWS);
  expect(city.children).toEqual([expect.objectContaining({ regionCode: '370481', enterprises: ROWS })]);
  second.child.kill('SIGTERM');
  await second.exited;
  child = undefined;
});
