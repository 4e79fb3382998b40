/**
 * `npm run deploy -- --env <envId> [--dry-run]`: deploys to Tencent CloudBase.
 * Generates dist/cloudbaserc.json (functions with their timers and env vars, console hosting) and
 * dist/database-indexes.json from the declared indexes, validates both offline (zod, cron), then —
 * unless --dry-run — runs the CloudBase CLI (`tcb`, installed separately with npm i -g @cloudbase/cli
 * and logged in with `tcb login`). Secrets come from the environment and are never written to the repo.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { z } from 'zod';
import { INDEXES } from '../cloudfunctions/common/indexes';
import { buildFunctions } from './build-functions';
import { parseCron } from './localcloud/cron';
import { ADMIN_DIST, DIST, FUNCTIONS_DIST, ROOT, functionNames } from './paths';

const SECRET_NAMES = ['ANXUE_HASH_KEY', 'ANXUE_ENC_KEY', 'ANXUE_SESSION_KEY'] as const;

const Trigger = z.object({
  name: z.string().regex(/^[A-Za-z][\w-]{0,59}$/),
  type: z.literal('timer'),
  config: z.string().refine((c) => {
    try {
      parseCron(c);
      return true;
    } catch {
      return false;
    }
  }, 'invalid 7-field cron'),
});
const FunctionConfig = z.object({
  name: z.string().regex(/^[a-z][\w-]{0,59}$/),
  timeout: z.number().int().min(1).max(60),
  runtime: z.literal('Nodejs16.13'),
  installDependency: z.literal(true),
  memorySize: z.number().int(),
  envVariables: z.record(z.string(), z.string()),
  triggers: z.array(Trigger).max(1, 'CloudBase allows one timer trigger per function'),
});
export const CloudbaseRc = z.object({
  version: z.literal('2.0'),
  envId: z.string().min(1),
  functionRoot: z.string(),
  functions: z.array(FunctionConfig).min(1),
  framework: z.object({ plugins: z.object({ console: z.object({ use: z.literal('@cloudbase/framework-plugin-website'), inputs: z.object({ outputPath: z.string(), cloudPath: z.string() }) }) }) }),
});

export function generateConfig(envId: string, secrets: Record<string, string>) {
  const functions = functionNames().map((name) => {
    const cfgPath = join(FUNCTIONS_DIST, name, 'config.json');
    const cfg = existsSync(cfgPath) ? (JSON.parse(readFileSync(cfgPath, 'utf8')) as { timeout?: number; triggers?: unknown[] }) : {};
    return {
      name,
      timeout: cfg.timeout ?? (name === 'stats' ? 60 : 10),
      runtime: 'Nodejs16.13' as const,
      installDependency: true as const,
      memorySize: 256,
      envVariables: secrets,
      triggers: (cfg.triggers ?? []) as z.infer<typeof Trigger>[],
    };
  });
  const rc = CloudbaseRc.parse({
    version: '2.0',
    envId,
    functionRoot: relative(ROOT, FUNCTIONS_DIST),
    functions,
    framework: { plugins: { console: { use: '@cloudbase/framework-plugin-website', inputs: { outputPath: relative(ROOT, ADMIN_DIST), cloudPath: '/admin' } } } },
  });
  const indexes = INDEXES.map((i) => ({
    collection: i.collection,
    name: i.name,
    keys: i.keys.map((k) => ({ name: k.field, direction: String(k.direction) })),
  }));
  return { rc, indexes };
}

function main(): void {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const envId = args[args.indexOf('--env') + 1] && args.includes('--env') ? args[args.indexOf('--env') + 1] : process.env.CLOUDBASE_ENV_ID;
  if (!envId) {
    console.error('用法：npm run deploy -- --env <CloudBase 环境 ID> [--dry-run]（或设置 CLOUDBASE_ENV_ID）');
    process.exit(2);
  }
  const missing = SECRET_NAMES.filter((s) => !/^[0-9a-f]{64}$/.test(process.env[s] ?? ''));
  if (missing.length && !dryRun) {
    console.error(`缺少密钥环境变量（64位十六进制）：${missing.join(', ')}。生成方法：openssl rand -hex 32`);
    process.exit(2);
  }
  const secrets = Object.fromEntries(SECRET_NAMES.map((s) => [s, dryRun ? '<from environment>' : process.env[s]!]));
  return void buildFunctions().then(() => {
    const { rc, indexes } = generateConfig(envId, secrets);
    mkdirSync(DIST, { recursive: true });
    const rcPath = join(DIST, 'cloudbaserc.json');
    writeFileSync(rcPath, JSON.stringify(rc, null, 2));
    writeFileSync(join(DIST, 'database-indexes.json'), JSON.stringify(indexes, null, 2));
    const plan = [
      `环境：${envId}`,
      `云函数（${rc.functions.length}）：${rc.functions.map((f) => `${f.name}${f.triggers.length ? `［定时 ${f.triggers.map((t) => t.config).join(',')}］` : ''}`).join('、')}`,
      `数据库索引（${indexes.length}）：${indexes.map((i) => `${i.collection}.${i.name}`).join('、')}`,
      `静态托管：${relative(ROOT, ADMIN_DIST)} → /admin`,
      `配置文件：${relative(ROOT, rcPath)}，dist/database-indexes.json`,
    ];
    console.log(['部署计划：', ...plan.map((l) => `  - ${l}`)].join('\n'));
    if (dryRun) return console.log('（--dry-run：仅生成并校验配置，未部署）');
    const tcb = (cmdArgs: string[]) => {
      const r = spawnSync('tcb', [...cmdArgs, '--config-file', rcPath], { stdio: 'inherit', cwd: ROOT });
      if (r.error) throw new Error('未找到 CloudBase CLI：请先 npm i -g @cloudbase/cli 并 tcb login');
      if (r.status !== 0) throw new Error(`tcb ${cmdArgs.join(' ')} 失败`);
    };
    tcb(['fn', 'deploy', '--all', '--force', '-e', envId]);
    tcb(['hosting', 'deploy', relative(ROOT, ADMIN_DIST), '/admin', '-e', envId]);
    console.log('索引：请在 CloudBase 控制台或用 @cloudbase/manager-node 按 dist/database-indexes.json 创建（CLI 不支持索引）。');
  });
}

if (require.main === module) main();
