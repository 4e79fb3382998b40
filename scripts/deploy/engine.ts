/**
 * plan → diff against an Environment → apply. Every step compares what the plan wants with what the
 * environment reports and changes only what differs, so a second deploy changes nothing and says so.
 */
import { createHash } from 'crypto';
import { CONSOLE_ORIGINS_ENV } from '../../cloudfunctions/common/httpTrigger';
import type { DeployPlan, FunctionPlan } from './plan';
import type { Environment, FunctionDeployment } from './environment';

export type ChangeKind =
  | 'function.create'
  | 'function.code'
  | 'function.config'
  | 'collection.create'
  | 'index.create'
  | 'rule.database'
  | 'rule.storage'
  | 'httpaccess.enable'
  | 'httpaccess.create'
  | 'httpaccess.replace'
  | 'hosting.upload'
  | 'hosting.delete';

export interface Change {
  kind: ChangeKind;
  target: string;
}

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as object).sort(([a], [b]) => a.localeCompare(b))) : x));

/** Hash of everything a function is configured with (secret values included, only as a hash). */
export function configHashOf(fn: FunctionPlan, envVariables: Record<string, string>): string {
  return createHash('sha256')
    .update(stable({ timeoutS: fn.timeoutS, memoryMB: fn.memoryMB, runtime: fn.runtime, triggers: fn.triggers, envVariables }))
    .digest('hex');
}

/** The values of the functions' environment variables: the secrets, and the console's origins (CORS). */
export function functionValues(plan: DeployPlan, secrets: Record<string, string>): Record<string, string> {
  if (!plan.consoleOrigins) throw new Error('the plan is not resolved against the environment (resolvePlan): consoleOrigins unknown');
  return { ...secrets, [CONSOLE_ORIGINS_ENV]: plan.consoleOrigins.join(',') };
}

export function deploymentOf(fn: FunctionPlan, values: Record<string, string>): FunctionDeployment {
  const envVariables = Object.fromEntries(fn.envVariables.map((n) => [n, values[n] ?? '']));
  return { fn, envVariables, codeHash: fn.codeHash, configHash: configHashOf(fn, envVariables) };
}

/** The changes the environment needs (reads only). */
export async function diff(plan: DeployPlan, env: Environment, secrets: Record<string, string>): Promise<Change[]> {
  const changes: Change[] = [];
  const values = functionValues(plan, secrets);
  const remote = new Map((await env.listFunctions()).map((f) => [f.name, f]));
  for (const fn of plan.functions) {
    const d = deploymentOf(fn, values);
    const r = remote.get(fn.name);
    if (!r) changes.push({ kind: 'function.create', target: fn.name });
    else {
      if (r.codeHash !== d.codeHash) changes.push({ kind: 'function.code', target: fn.name });
      if (r.configHash !== d.configHash) changes.push({ kind: 'function.config', target: fn.name });
    }
  }
  const collections = new Set(await env.listCollections());
  for (const c of plan.collections) if (!collections.has(c)) changes.push({ kind: 'collection.create', target: c });
  const byCollection = new Map<string, Set<string>>();
  for (const i of plan.indexes) {
    if (!byCollection.has(i.collection)) byCollection.set(i.collection, new Set(collections.has(i.collection) ? await env.listIndexes(i.collection) : []));
    if (!byCollection.get(i.collection)!.has(i.name)) changes.push({ kind: 'index.create', target: `${i.collection}.${i.name}` });
  }
  for (const [c, rule] of Object.entries(plan.securityRules.database)) {
    const have = collections.has(c) ? await env.getDatabaseRule(c) : null;
    if (stable(have) !== stable(rule)) changes.push({ kind: 'rule.database', target: c });
  }
  if (stable(await env.getStorageRule()) !== stable(plan.securityRules.storage)) changes.push({ kind: 'rule.storage', target: 'storage' });
  if (!(await env.describeEndpoints()).httpAccessEnabled) changes.push({ kind: 'httpaccess.enable', target: 'HTTP 访问服务' });
  const routes = new Map((await env.listHttpAccess()).map((r) => [r.path, r.function]));
  for (const r of plan.httpAccess) {
    if (!routes.has(r.path)) changes.push({ kind: 'httpaccess.create', target: r.path });
    else if (routes.get(r.path) !== r.function) changes.push({ kind: 'httpaccess.replace', target: r.path });
  }
  const hosted = await env.listHostingFiles(plan.hosting.cloudPath);
  for (const f of plan.hosting.files) if (hosted[f.path] !== f.md5) changes.push({ kind: 'hosting.upload', target: f.path });
  const wanted = new Set(plan.hosting.files.map((f) => f.path));
  for (const p of Object.keys(hosted)) if (!wanted.has(p)) changes.push({ kind: 'hosting.delete', target: p });
  return changes;
}

/** Applies the changes in a safe order: data model and rules first, then code, then the console. */
export async function apply(plan: DeployPlan, env: Environment, secrets: Record<string, string>, changes: Change[], log: (m: string) => void = () => undefined): Promise<void> {
  const of = (k: ChangeKind) => changes.filter((c) => c.kind === k).map((c) => c.target);
  for (const c of of('collection.create')) {
    log(`  新建集合 ${c}`);
    await env.createCollection(c);
  }
  for (const t of of('index.create')) {
    const i = plan.indexes.find((x) => `${x.collection}.${x.name}` === t)!;
    log(`  新建索引 ${t}`);
    await env.createIndex(i);
  }
  for (const c of of('rule.database')) {
    log(`  数据库安全规则 ${c}：仅云函数可读写`);
    await env.setDatabaseRule(c, plan.securityRules.database[c]);
  }
  if (of('rule.storage').length) {
    log('  云存储安全规则：客户端不可读写（由云函数签发临时链接）');
    await env.setStorageRule(plan.securityRules.storage);
  }
  const values = functionValues(plan, secrets);
  for (const fn of plan.functions) {
    const d = deploymentOf(fn, values);
    if (of('function.create').includes(fn.name)) {
      log(`  新建云函数 ${fn.name}（超时 ${fn.timeoutS}s${fn.triggers.length ? `，定时 ${fn.triggers.map((t) => t.config).join(',')}` : ''}）`);
      await env.createFunction(d);
      continue;
    }
    if (of('function.code').includes(fn.name)) {
      log(`  更新云函数代码 ${fn.name}`);
      await env.updateFunctionCode(d);
    }
    // The recorded hashes live in the configuration: a code change updates it too.
    if (of('function.config').includes(fn.name) || of('function.code').includes(fn.name)) {
      log(`  更新云函数配置 ${fn.name}`);
      await env.updateFunctionConfig(d);
    }
  }
  // The paths point at functions, so after them; before the console that calls them.
  if (of('httpaccess.enable').length) {
    log('  开通 HTTP 访问服务');
    await env.enableHttpAccess();
  }
  const replaced = of('httpaccess.replace');
  const existing = replaced.length ? await env.listHttpAccess() : [];
  for (const route of plan.httpAccess) {
    if (replaced.includes(route.path)) {
      log(`  HTTP 访问路径 ${route.path} 改为指向云函数 ${route.function}`);
      for (const old of existing.filter((r) => r.path === route.path)) await env.deleteHttpAccess(old);
      await env.createHttpAccess(route);
    } else if (of('httpaccess.create').includes(route.path)) {
      log(`  新建 HTTP 访问路径 ${route.path} → 云函数 ${route.function}`);
      await env.createHttpAccess(route);
    }
  }
  const uploads = of('hosting.upload');
  if (uploads.length) {
    log(`  上传管理后台 ${uploads.length} 个文件 → 静态托管 ${plan.hosting.cloudPath}`);
    await env.uploadHostingFiles(plan.hosting.dir, plan.hosting.cloudPath, plan.hosting.files.filter((f) => uploads.includes(f.path)));
  }
  const deletes = of('hosting.delete');
  if (deletes.length) {
    log(`  删除静态托管旧文件 ${deletes.length} 个`);
    await env.deleteHostingFiles(plan.hosting.cloudPath, deletes);
  }
}

export function summarize(changes: Change[]): string {
  if (!changes.length) return '环境已是最新：没有需要变更的内容。';
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return `需要变更 ${changes.length} 项：${[...counts].map(([k, n]) => `${k}×${n}`).join('，')}`;
}
