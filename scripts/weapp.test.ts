/**
 * WeChat's own compiler on the weapp build (`npm test` builds dist/miniprogram first): the offline
 * compile must succeed and every checkCodeQuality item must pass; a deliberately broken copy must
 * fail. Each check runs `npm run check:weapp`'s script in a child process (miniprogram-ci may keep
 * a file watcher alive).
 */
import { spawn } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT, WEAPP_DIST } from './paths';
import type { WeappCheckResult } from './weapp';

jest.setTimeout(300_000);

function runCheck(projectPath: string): Promise<{ code: number | null; result: WeappCheckResult; out: string }> {
  return new Promise((resolve, reject) => {
    // As `npm run check:weapp` does (tsx's CLI): WeChat's compiler forks workers that inherit node's
    // flags, and an `--import tsx` cannot be resolved from the folder the check works in.
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(__dirname, 'weapp-check.ts'), projectPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WEAPP_CHECK '));
      if (!line) return reject(new Error(`weapp-check printed no result (exit ${code}):\n${out}`));
      resolve({ code, result: JSON.parse(line.slice('WEAPP_CHECK '.length)) as WeappCheckResult, out });
    });
  });
}

beforeAll(() => {
  if (!existsSync(join(WEAPP_DIST, 'app.json'))) throw new Error('dist/miniprogram is missing: run npm run build:weapp first');
});

it('the weapp build compiles with WeChat’s compiler and passes every code-quality check', async () => {
  const { code, result, out } = await runCheck(ROOT);
  expect({ compiled: result.compiled, compileError: result.compileError }).toEqual({ compiled: true, compileError: undefined });
  expect(result.quality.length).toBeGreaterThan(0);
  expect(result.quality.filter((i) => !i.success)).toEqual([]);
  expect(code).toBe(0);
  expect(out).toContain('weapp check passed');
});

describe('a broken copy of the build fails the check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxue-weapp-'));
    cpSync(join(ROOT, 'project.config.json'), join(dir, 'project.config.json'));
    cpSync(WEAPP_DIST, join(dir, 'dist', 'miniprogram'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a page listed in app.json without its files', async () => {
    const app = JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as { pages: string[] };
    const page = app.pages[app.pages.length - 1];
    for (const ext of ['js', 'json', 'wxml', 'wxss']) rmSync(join(dir, 'dist', 'miniprogram', `${page}.${ext}`), { force: true });
    const { code, result } = await runCheck(dir);
    expect(result.compiled).toBe(false);
    expect(result.compileError).toMatch(new RegExp(page.replace(/\//g, '\\/')));
    expect(result.ok).toBe(false);
    expect(code).toBe(1);
  });
});

describe('uploadWeapp', () => {
  it('is importable without loading miniprogram-ci', async () => {
    // In a plain Node process (jest has its own module registry): import, then list what got loaded.
    const probe = "const w = require('./scripts/weapp'); process.stdout.write(JSON.stringify({ fn: typeof w.uploadWeapp, ci: Object.keys(require.cache).some((k) => k.includes('/node_modules/miniprogram-ci/')) }));";
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      let s = '';
      child.stdout.on('data', (c: Buffer) => (s += c.toString()));
      child.once('error', reject);
      child.once('exit', () => resolve(s));
    });
    expect(JSON.parse(out)).toEqual({ fn: 'function', ci: false });
  });

  it('refuses bad options before touching the network', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { uploadWeapp } = require('./weapp') as typeof import('./weapp');
    await expect(uploadWeapp({ appid: 'touristappid', privateKeyPath: '/nonexistent.key', version: '1.0.0', desc: 'x' })).rejects.toThrow(/AppID/);
    await expect(uploadWeapp({ appid: 'wx0123456789abcdef', privateKeyPath: '/nonexistent.key', version: '1.0.0', desc: 'x' })).rejects.toThrow(/code-upload key not found/);
  });
});
