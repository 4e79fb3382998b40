/**
 * `npm run deploy -- --env <envId> [--dry-run] [--skip-build] [--appid <appid> --upload-key <file> --version <x.y.z>]`
 *
 * plan (offline: builds, config.json files, indexes, rules, hosting files) → resolve against the
 * environment (its domains) → build the weapp with the console's URL (ANXUE_CONSOLE_URL) → diff → apply only what differs → bootstrap (stats.bootstrap: collections, regions, first
 * sysadmin; its one-time password printed once). `--dry-run` stops after the plan and writes
 * dist/deploy-plan.json. Secrets come from the deployer's environment and are never written to disk.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { build } from '../build';
import { DIST, ROOT } from '../paths';
import { configuredRegions, reissueSysadminPassword, runBootstrap, type BootstrapSummary } from './bootstrapClient';
import { apply, diff, summarize, type Change } from './engine';
import type { Environment } from './environment';
import { buildPlan, planForFile, resolvePlan, SECRET_NAMES, type DeployPlan } from './plan';

export const PLAN_FILE = join(DIST, 'deploy-plan.json');

export interface DeployArgs {
  envId: string;
  dryRun: boolean;
  skipBuild: boolean;
  appid?: string;
  uploadKey?: string;
  version?: string;
  /** The HTTP access origin the console calls, instead of the environment's default domain (a custom domain). */
  apiOrigin?: string;
  /** The console's origin(s) for CORS, instead of the static hosting default domain (custom domains). */
  consoleOrigins?: string[];
  /** Re-issue the sysadmin's one-time password even if it has signed in (still only before it changed it). */
  reissueSysadminPassword: boolean;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): DeployArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
  };
  const envId = value('--env') ?? env.CLOUDBASE_ENV_ID;
  if (!envId || !/^[a-z0-9][a-z0-9-]{2,62}$/.test(envId)) throw new Error('用法：npm run deploy -- --env <CloudBase 环境 ID> [--dry-run]（或设置 CLOUDBASE_ENV_ID）');
  const consoleOrigins = value('--console-origin')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    envId,
    dryRun: argv.includes('--dry-run'),
    skipBuild: argv.includes('--skip-build'),
    appid: value('--appid'),
    uploadKey: value('--upload-key'),
    version: value('--version'),
    apiOrigin: value('--api-origin'),
    consoleOrigins: consoleOrigins?.length ? consoleOrigins : undefined,
    reissueSysadminPassword: argv.includes('--reissue-sysadmin-password'),
  };
}

/** The secret values from the deployer's environment (64 hex each); missing ones listed. */
export function readSecrets(env: NodeJS.ProcessEnv = process.env): { secrets: Record<string, string>; missing: string[] } {
  const missing = SECRET_NAMES.filter((s) => !/^[0-9a-f]{64}$/i.test(env[s] ?? ''));
  return { secrets: Object.fromEntries(SECRET_NAMES.map((s) => [s, env[s] ?? ''])), missing };
}

/** Functions always, and the console as it is hosted (the plan reads both). */
export async function buildConsole(): Promise<void> {
  await build({ targets: ['admin'] });
}

/**
 * The environment variables the weapp is built with: the env id (CLOUD_ENV) and the hosted console's
 * URL (the 学时证明 QR code); unknown = empty (the certificate then shows no QR code).
 */
export function weappBuildEnv(plan: DeployPlan): Record<string, string> {
  return { ANXUE_CLOUD_ENV: plan.weappBuild.ANXUE_CLOUD_ENV, ANXUE_CONSOLE_URL: plan.weappBuild.ANXUE_CONSOLE_URL ?? '' };
}

/** Builds the weapp for a plan — after resolvePlan, so that the console's URL is known. */
export function buildWeapp(plan: DeployPlan): void {
  const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', ...weappBuildEnv(plan) } });
  if (r.status !== 0) throw new Error('npm run build:weapp failed');
}

/** The plan completed with what the environment reports (its domains): what the weapp build and the deploy need. */
export async function resolveAgainst(plan: DeployPlan, env: Environment): Promise<DeployPlan> {
  return resolvePlan(plan, await env.describeEndpoints());
}

export function writePlan(plan: DeployPlan, file = PLAN_FILE): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(planForFile(plan), null, 2) + '\n');
}

export interface DeployResult {
  /** The plan completed with the environment's domains (config.js, ANXUE_CONSOLE_ORIGINS). */
  plan: DeployPlan;
  changes: Change[];
  bootstrap: BootstrapSummary;
}

export interface DeployOptions {
  log?: (m: string) => void;
  /** Re-issue the sysadmin's one-time password even after a sign-in (while it must still change it). */
  reissueSysadminPassword?: boolean;
}

/**
 * resolve (the environment's domains) → diff → apply → bootstrap against any Environment (CloudBase
 * or the local cloud). If the sysadmin exists but never signed in, the password an earlier deploy
 * made may never have been seen (a crash between the account write and the printout): it is
 * re-issued, and the new one is what this deploy prints.
 */
export async function deployTo(planned: DeployPlan, env: Environment, secrets: Record<string, string>, opts: DeployOptions | ((m: string) => void) = {}): Promise<DeployResult> {
  const { log = () => undefined, reissueSysadminPassword: forceReissue = false } = typeof opts === 'function' ? { log: opts } : opts;
  log(`目标：${env.label}`);
  // Idempotent on an already resolved plan (main resolves first, to build the weapp with the console's URL).
  const plan = await resolveAgainst(planned, env);
  log(`管理后台调用云函数：${plan.hostingConfig.content!.functionsUrl}/<函数名>；允许的网页来源（ANXUE_CONSOLE_ORIGINS）：${plan.consoleOrigins!.join(', ')}`);
  const changes = await diff(plan, env, secrets);
  log(summarize(changes));
  await apply(plan, env, secrets, changes, log);
  const invokeStats = async (event: Record<string, unknown>) => (await env.invokeFunction(plan.bootstrap.function, event)) as never;
  const bootstrap = await runBootstrap(invokeStats, secrets.ANXUE_BOOTSTRAP_KEY, configuredRegions(plan.bootstrap.provinces.join(',')));
  const s = bootstrap.sysadmin;
  if (!s.created && (s.awaitingFirstLogin || forceReissue)) {
    const r = await reissueSysadminPassword(invokeStats, secrets.ANXUE_BOOTSTRAP_KEY);
    bootstrap.sysadmin = { ...s, oneTimePassword: r.oneTimePassword, reissued: true };
  }
  log(
    `初始化：新建集合 ${bootstrap.collectionsCreated.length} 个，新增行政区划 ${bootstrap.regions.created}/${bootstrap.regions.total} 条，` +
      (s.created
        ? '已创建首个系统管理员。'
        : bootstrap.sysadmin.reissued
          ? `系统管理员 ${s.username} ${s.awaitingFirstLogin ? '从未登录，之前的一次性密码可能未被看到' : '尚未修改初始密码'}：已重新签发一次性密码（旧密码作废）。`
          : `系统管理员 ${s.username} 已存在（不再显示密码）。`),
  );
  if (!changes.length && !bootstrap.collectionsCreated.length && !bootstrap.regions.created && !s.created && !bootstrap.sysadmin.reissued) log('本次部署没有改变任何内容。');
  return { plan, changes, bootstrap };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { secrets, missing } = readSecrets();
  if (!args.skipBuild) await buildConsole();
  const provinces = (process.env.ANXUE_PROVINCES ?? '37').split(',').map((s) => s.trim()).filter(Boolean);
  const plan = buildPlan({ envId: args.envId, provinces, regions: configuredRegions(provinces.join(',')).length, apiOrigin: args.apiOrigin, consoleOrigins: args.consoleOrigins });
  writePlan(plan);
  console.log(
    [
      `部署计划（${PLAN_FILE.slice(ROOT.length + 1)}）：`,
      `  云函数 ${plan.functions.length}：${plan.functions.map((f) => `${f.name}（${f.timeoutS}s${f.triggers.length ? `，定时 ${f.triggers[0].config}` : ''}）`).join('、')}`,
      `  集合 ${plan.collections.length}，索引 ${plan.indexes.length}，安全规则：数据库与云存储均为“仅管理端可读写”`,
      `  静态托管：${plan.hosting.files.length} 个文件 → ${plan.hosting.cloudPath}（其中 ${plan.hostingConfig.file} 按环境生成：${plan.hostingConfig.content ? plan.hostingConfig.content.functionsUrl : `HTTP 访问服务域名${plan.hostingConfig.functionsPath}（部署时向环境查询）`}）`,
      `  HTTP 访问路径 ${plan.httpAccess.length}：${plan.httpAccess.map((r) => `${r.path}→${r.function}`).join('、')}`,
      `  云函数环境变量 ANXUE_CONSOLE_ORIGINS：${plan.consoleOrigins ? plan.consoleOrigins.join(',') : '静态托管域名（部署时向环境查询）'}`,
      `  小程序构建 ANXUE_CONSOLE_URL（学时证明二维码）：${plan.weappBuild.ANXUE_CONSOLE_URL ?? '管理后台的静态托管地址（部署时向环境查询后再构建小程序）'}`,
      `  初始化：行政区划 ${plan.bootstrap.regions} 条（省份 ${provinces.join(',')}），首个系统管理员`,
    ].join('\n'),
  );
  if (args.dryRun) {
    // Offline: the weapp gets the console's URL only when the deployer named it (--console-origin).
    if (!args.skipBuild) buildWeapp(plan);
    if (missing.length) console.log(`（注意：正式部署还需要这些密钥环境变量：${missing.join(', ')}）`);
    return console.log('--dry-run：仅生成并校验部署计划，未连接网络。');
  }
  if (missing.length) throw new Error(`缺少密钥环境变量（64 位十六进制）：${missing.join(', ')}。生成方法：openssl rand -hex 32（务必妥善保存，见 README）`);
  const { cloudbaseEnvironment } = await import('./cloudbaseEnvironment');
  const env = await cloudbaseEnvironment(args.envId);
  // The console's hosting origin first, then the weapp built with it (ANXUE_CONSOLE_URL), then the deploy.
  const resolved = await resolveAgainst(plan, env);
  writePlan(resolved);
  if (!args.skipBuild) buildWeapp(resolved);
  else console.log(`（--skip-build：小程序需以 ANXUE_CONSOLE_URL=${resolved.weappBuild.ANXUE_CONSOLE_URL} 构建，学时证明二维码才指向管理后台）`);
  const { bootstrap } = await deployTo(resolved, env, secrets, { log: (m) => console.log(m), reissueSysadminPassword: args.reissueSysadminPassword });
  if (bootstrap.sysadmin.oneTimePassword) {
    console.log(
      `\n${bootstrap.sysadmin.reissued ? '系统管理员（重新签发）' : '首个系统管理员'}（只显示这一次，请立即记录；首次登录必须修改）：\n  用户名 ${bootstrap.sysadmin.username}\n  一次性密码 ${bootstrap.sysadmin.oneTimePassword}\n`,
    );
  }
  if (args.appid && args.uploadKey) {
    const { uploadWeapp } = await import('../weapp');
    const version = args.version ?? new Date().toISOString().slice(0, 10).replace(/-/g, '.');
    const r = await uploadWeapp({ appid: args.appid, privateKeyPath: args.uploadKey, version, desc: `deploy ${args.envId}` });
    console.log(`小程序已上传版本 ${r.version}（在微信公众平台设为体验版或提交审核）。`);
  } else console.log('小程序未上传（需要 --appid <AppID> --upload-key <代码上传密钥文件> [--version x.y.z]）。');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
