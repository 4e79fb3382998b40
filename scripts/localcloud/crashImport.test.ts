/**
 * kill -9 of the local cloud in the middle of a staff import — after a chunk's persons are written,
 * before the enterprise's staffCount — then the re-run of the same import: counts equal the records
 * and the nightly reconcile finds zero drift. Runs the built function bundles (npm test builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeIdNumber } from '../../shared/idNumber';
import { tableToXlsx, TEMPLATE_HEADER } from '../../shared/staffImport';
import { FUNCTIONS_DIST } from '../paths';
import { uploadAs } from './testing/upload';

const REPO = path.resolve(__dirname, '../..');
const CHILD = path.join(__dirname, 'testing', 'cloudProcess.ts');
const ROWS = 150;

jest.setTimeout(120_000);

let dataDir: string;
let child: ChildProcess | undefined;
beforeAll(() => {
  expect(existsSync(path.join(FUNCTIONS_DIST, 'imports', 'index.js'))).toBe(true); // run `npm run build:functions` first
  dataDir = mkdtempSync(path.join(tmpdir(), 'anxue-crash-'));
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
  const res = await fetch(`${base}/api/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': 'o-crash-test' }, body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; data?: T; code?: string };
}

function ok<T>(r: { ok: boolean; data?: T; code?: string; message?: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.data as T;
}

const upload = (base: string, token: string, body: Buffer): Promise<string> => uploadAs(base, token, body);

it('a kill -9 between the persons and the count leaves zero drift after the import is run again', async () => {
  const rows = Array.from({ length: ROWS }, (_x, i) => [`崩溃测试${String.fromCharCode(0x4e00 + i)}`, makeIdNumber('370481', '19900101', String(i).padStart(3, '0')), '', '', '其他从业人员', '正式员工', '', '', '', '']);
  const file = Buffer.from(tableToXlsx([[...TEMPLATE_HEADER], ...rows]));

  // 1. A local cloud whose import dies (as kill -9) right after writing a chunk's persons.
  const first = await startCloud({ ANXUE_FAILPOINT: 'staffImportCommit.afterPersons' });
  child = first.child;
  let token = ok(await fn<{ token: string }>(first.base, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' })).token;
  const before = ok(await fn<{ enterprise: { staffCount: number } }>(first.base, 'org', { action: 'getEnterprise', sessionToken: token })).enterprise.staffCount;
  const fileID = await upload(first.base, token, file);
  expect(ok(await fn<{ create: number }>(first.base, 'imports', { action: 'staffImportDryRun', fileID, sessionToken: token })).create).toBe(ROWS);
  await expect(fn(first.base, 'imports', { action: 'staffImportCommit', fileID, offset: 0, limit: 100, sessionToken: token })).rejects.toThrow();
  expect(await first.exited).toBe('SIGKILL');

  // 2. Restarted on the same data: the persons of the chunk are there, the count is not.
  const second = await startCloud();
  child = second.child;
  token = ok(await fn<{ token: string }>(second.base, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' })).token;
  const counted = async () => ok(await fn<{ total: number }>(second.base, 'org', { action: 'listStaff', pageSize: 1, sessionToken: token })).total;
  const stored = async () => ok(await fn<{ enterprise: { staffCount: number } }>(second.base, 'org', { action: 'getEnterprise', sessionToken: token })).enterprise.staffCount;
  expect(await counted()).toBe(before + 100);
  expect(await stored()).toBe(before); // the crash hit between the two writes

  // 3. The admin runs the same import again: nothing is created twice, the count follows the records.
  const again = await upload(second.base, token, file);
  expect(ok(await fn<{ create: number; unchanged: number }>(second.base, 'imports', { action: 'staffImportDryRun', fileID: again, sessionToken: token }))).toMatchObject({ create: ROWS - 100, unchanged: 100 });
  for (let offset = 0; ; offset += 100) {
    const r = ok(await fn<{ done: boolean }>(second.base, 'imports', { action: 'staffImportCommit', fileID: again, offset, limit: 100, sessionToken: token }));
    if (r.done) break;
  }
  expect(await counted()).toBe(before + ROWS);
  expect(await stored()).toBe(before + ROWS);
  const afterLeave = before + ROWS - 1;
  // The crashed chunk's people have their history entry too (written by the re-run): 离职 closes it.
  const crashed = ok(await fn<{ items: { _id: string; name: string }[] }>(second.base, 'org', { action: 'listStaff', keyword: '崩溃测试一', sessionToken: token })).items[0];
  ok(await fn(second.base, 'org', { action: 'leaveStaff', personId: crashed._id, reason: '测试', sessionToken: token }));
  const former = ok(await fn<{ items: { name: string; leftReason?: string }[] }>(second.base, 'org', { action: 'listStaff', status: 'left', keyword: '崩溃测试一', sessionToken: token })).items;
  expect(former).toMatchObject([{ name: '崩溃测试一', leftReason: '测试' }]);
  const adminToken = ok(await fn<{ token: string }>(second.base, 'identity', { action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' })).token;
  expect(ok(await fn<{ drift: unknown[] }>(second.base, 'stats', { action: 'reconcileCounts', sessionToken: adminToken })).drift).toEqual([]);
  expect(await stored()).toBe(afterLeave);
  second.child.kill('SIGTERM');
  await second.exited;
  child = undefined;
});
