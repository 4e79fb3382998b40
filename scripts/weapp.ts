/**
 * WeChat's own compiler, offline: `miniprogram-ci` (the compile module extracted from WeChat
 * DevTools) compiles the weapp build that project.config.json points at and runs DevTools'
 * code-quality checks; with a real appid and code-upload key it uploads a version.
 *
 * Importing this module has no side effects: miniprogram-ci is required only when a function runs
 * (it may leave a file watcher behind, so callers run it in a process they end themselves).
 */
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join, relative, resolve } from 'path';
import { z } from 'zod';
import { ROOT } from './paths';

/** The appid miniprogram-ci needs for a local compile (nothing is sent anywhere with it). */
export const LOCAL_CHECK_APPID = 'wx0000000000000000';

const projectConfigSchema = z.object({
  miniprogramRoot: z.string().min(1),
  setting: z.record(z.string(), z.unknown()).default({}),
});

export interface QualityItem {
  name: string;
  success: boolean;
  text?: string;
  detail?: unknown;
}

export interface WeappCheckResult {
  compiled: boolean;
  /** Why the compile failed (WeChat's compiler message), when it did. */
  compileError?: string;
  quality: QualityItem[];
  /** Compiled and every checkCodeQuality item passed. */
  ok: boolean;
}

type Ci = typeof import('miniprogram-ci');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadCi = (): Ci => require('miniprogram-ci') as Ci;

function readProjectConfig(projectPath: string) {
  const file = join(projectPath, 'project.config.json');
  if (!existsSync(file)) throw new Error(`no project.config.json in ${projectPath}`);
  return projectConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Globs for everything in the project folder outside miniprogramRoot (node_modules, sources, the
 * other builds), so the compiler reads only the weapp build.
 */
export function ignoresOutside(projectPath: string, miniprogramRoot: string): string[] {
  const keep = resolve(projectPath, miniprogramRoot);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = resolve(dir, e.name);
      const rel = relative(projectPath, abs);
      if (keep === abs || keep.startsWith(abs + '/')) {
        if (keep !== abs && e.isDirectory()) walk(abs);
        continue;
      }
      out.push(rel);
      if (!e.isFile()) out.push(`${rel}/**/*`);
    }
  };
  walk(resolve(projectPath));
  return out.filter((g) => g !== 'project.config.json');
}

function makeProject(ci: Ci, opts: { projectPath: string; appid: string; privateKeyPath?: string; offline: boolean }) {
  const cfg = readProjectConfig(opts.projectPath);
  const keep = join(opts.projectPath, cfg.miniprogramRoot);
  if (!existsSync(join(keep, 'app.json'))) throw new Error(`the weapp build is missing (${keep}/app.json): run npm run build:weapp first`);
  return new ci.Project({
    appid: opts.appid,
    type: 'miniProgram',
    projectPath: opts.projectPath,
    ...(opts.privateKeyPath ? { privateKeyPath: opts.privateKeyPath } : { privateKey: 'unused-for-local-compile' }),
    // Offline: the default attributes instead of asking WeChat's servers for the appid's.
    ...(opts.offline ? { attr: async () => ({ ...ci.DefaultProjectAttr }) } : {}),
    ignores: ignoresOutside(opts.projectPath, cfg.miniprogramRoot),
  } as ConstructorParameters<Ci['Project']>[0]);
}

/** Compiles the weapp build offline with WeChat's compiler and runs checkCodeQuality. */
export async function checkWeapp(projectPath = ROOT, outZip = join(projectPath, '.cache', 'weapp-compiled.zip')): Promise<WeappCheckResult> {
  const ci = loadCi();
  const cfg = readProjectConfig(projectPath);
  const project = makeProject(ci, { projectPath, appid: LOCAL_CHECK_APPID, offline: true });
  let compiled = true;
  let compileError: string | undefined;
  try {
    await ci.getCompiledResult({ project, version: '0.0.0-check', desc: 'check', setting: compileSetting(cfg.setting), onProgressUpdate: () => undefined }, outZip);
  } catch (e) {
    compiled = false;
    compileError = String((e as Error)?.message ?? e);
  }
  const quality = ((await ci.checkCodeQuality(project)) as QualityItem[]).map((i) => ({ name: i.name, success: i.success, text: i.text, detail: i.detail }));
  return { compiled, compileError, quality, ok: compiled && quality.length > 0 && quality.every((i) => i.success) };
}

/** project.config.json's `setting` in the shape miniprogram-ci's compile options take. */
function compileSetting(s: Record<string, unknown>) {
  return {
    es6: s.es6 === true,
    es7: s.enhance === true,
    minify: s.minified === true,
    minifyJS: s.minified === true,
    minifyWXML: s.minifyWXML === true,
    minifyWXSS: s.minifyWXSS === true,
    codeProtect: s.uglifyFileName === true,
    autoPrefixWXSS: s.postcss === true,
  };
}

export const uploadOptionsSchema = z.object({
  appid: z.string().regex(/^wx[0-9a-f]{16}$/, 'appid 应为 wx 开头的 18 位小程序 AppID'),
  privateKeyPath: z.string().min(1),
  version: z.string().min(1).max(64),
  desc: z.string().max(200).default(''),
  robot: z.number().int().min(1).max(30).optional(),
  projectPath: z.string().default(ROOT),
});
export type UploadOptions = z.input<typeof uploadOptionsSchema>;

/**
 * Uploads the weapp build as a version (体验版 candidate) with the appid's code-upload key
 * (微信公众平台 → 开发管理 → 小程序代码上传; the caller's IP must be whitelisted there).
 */
export async function uploadWeapp(input: UploadOptions): Promise<{ version: string; subPackageInfo?: unknown }> {
  const o = uploadOptionsSchema.parse(input);
  if (!existsSync(o.privateKeyPath)) throw new Error(`code-upload key not found: ${o.privateKeyPath}`);
  const ci = loadCi();
  const cfg = readProjectConfig(o.projectPath);
  const project = makeProject(ci, { projectPath: o.projectPath, appid: o.appid, privateKeyPath: o.privateKeyPath, offline: false });
  const r = (await ci.upload({ project, version: o.version, desc: o.desc, robot: o.robot, setting: compileSetting(cfg.setting), onProgressUpdate: () => undefined })) as { subPackageInfo?: unknown };
  return { version: o.version, subPackageInfo: r?.subPackageInfo };
}
