/**
 * CloudBase as a deploy target, through @cloudbase/manager-node (pinned dev dependency). The calls
 * and their request shapes were checked against manager-node 5.6.5's type declarations
 * (types/function, database, hosting, permission, storage); they are exercised offline by
 * cloudbaseEnvironment.test.ts with a recording stand-in for the manager. Nothing here has run
 * against a real environment from CI (no network): verified by reading, see README.
 *
 * What a deploy recorded on a function (code and configuration hashes) lives in two extra
 * environment variables of the function, ANXUE_DEPLOY_CODE / ANXUE_DEPLOY_CONFIG, so the next
 * deploy can compare without downloading code.
 */
import { join } from 'path';
import type { Environment, FunctionDeployment, IndexSpec, RemoteFunction } from './environment';
import { normalizeOrigin, type Endpoints, type HostingFile, type HttpAccessRoute } from './plan';

export const CODE_HASH_VAR = 'ANXUE_DEPLOY_CODE';
export const CONFIG_HASH_VAR = 'ANXUE_DEPLOY_CONFIG';

/** The part of manager-node's CloudBase this adapter uses (structural, so tests can record calls). */
export interface ManagerLike {
  functions: {
    getFunctionList(limit?: number, offset?: number): Promise<{ Functions: Record<string, string>[]; TotalCount: number }>;
    getFunctionDetail(name: string): Promise<{ Environment?: { Variables?: { Key: string; Value: string }[] } }>;
    createFunction(p: { func: Record<string, unknown>; functionRootPath: string; force?: boolean }): Promise<unknown>;
    updateFunctionCode(p: { func: Record<string, unknown>; functionRootPath: string }): Promise<unknown>;
    updateFunctionConfig(func: Record<string, unknown>): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: { name: string; type: string; config: string }[]): Promise<unknown>;
    invokeFunction(name: string, params?: Record<string, unknown>): Promise<{ RetMsg: string; ErrMsg?: string; InvokeResult?: number }>;
  };
  database: {
    listCollections(o?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: { CollectionName: string }[]; Pager?: { Total?: number } }>;
    createCollectionIfNotExists(name: string): Promise<unknown>;
    describeCollection(name: string): Promise<{ Indexes?: { Name: string }[] }>;
    updateCollection(name: string, info: { CreateIndexes?: { IndexName: string; MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean } }[] }): Promise<unknown>;
  };
  permission: {
    describeResourcePermission(o: { resourceType: 'collection' | 'storage'; resources?: string[] }): Promise<{ PermissionList?: { Resource?: string; Permission?: string; SecurityRule?: string }[] }>;
    modifyResourcePermission(o: { resourceType: 'collection' | 'storage'; resource?: string; permission: 'ADMINONLY'; securityRule?: string }): Promise<unknown>;
  };
  /** 云接入 (HTTP access service): manager-node's AccessService (types/access). */
  access: {
    getDomainList(): Promise<{ DefaultDomain: string; EnableService: boolean; ServiceSet?: { Domain: string }[] }>;
    getAccessList(o?: { path?: string; name?: string; limit?: number; offset?: number }): Promise<{ APISet: { APIId: string; Path: string; Type: number; Name: string }[]; Total: number }>;
    /** type 1 = cloud function; auth false = no CloudBase login required on the path. */
    createAccess(o: { path: string; name: string; type?: 1 | 2; auth?: boolean }): Promise<{ APIId: string }>;
    deleteAccess(o: { name?: string; type?: number; apiId?: string }): Promise<unknown>;
    /** Despite its name, the service's on/off switch (ModifyCloudBaseGWPrivilege `serviceswitch`). */
    switchAuth(on: boolean): Promise<unknown>;
  };
  hosting: {
    getInfo(): Promise<{ CdnDomain: string; Status?: string }[]>;
    listFiles(): Promise<{ Key: string; ETag: string }[]>;
    uploadFiles(o: { files: { localPath: string; cloudPath: string }[]; parallel?: number }): Promise<unknown>;
    deleteFiles(o: { cloudPath: string; isDir: boolean }): Promise<unknown>;
  };
}

const trimSlashes = (p: string) => p.replace(/^\/+|\/+$/g, '');

/** manager-node's function description for one deployment (config, env vars with the recorded hashes, triggers). */
export function functionRequest(d: FunctionDeployment): Record<string, unknown> {
  return {
    name: d.fn.name,
    timeout: d.fn.timeoutS,
    memorySize: d.fn.memoryMB,
    runtime: d.fn.runtime,
    installDependency: true,
    handler: 'index.main',
    envVariables: { ...d.envVariables, [CODE_HASH_VAR]: d.codeHash, [CONFIG_HASH_VAR]: d.configHash },
    triggers: d.fn.triggers,
    ignore: ['node_modules', 'node_modules/**/*', '.deploy.json'],
  };
}

export class CloudbaseEnvironment implements Environment {
  readonly label: string;
  constructor(
    private readonly app: ManagerLike,
    envId: string,
  ) {
    this.label = `CloudBase 环境 ${envId}`;
  }

  async listFunctions(): Promise<RemoteFunction[]> {
    const names: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.app.functions.getFunctionList(100, offset);
      names.push(...page.Functions.map((f) => f.FunctionName));
      if (offset + 100 >= page.TotalCount) break;
    }
    return Promise.all(
      names.map(async (name) => {
        const vars = (await this.app.functions.getFunctionDetail(name)).Environment?.Variables ?? [];
        const v = (k: string) => vars.find((x) => x.Key === k)?.Value ?? null;
        return { name, codeHash: v(CODE_HASH_VAR), configHash: v(CONFIG_HASH_VAR) };
      }),
    );
  }
  async createFunction(d: FunctionDeployment): Promise<void> {
    await this.app.functions.createFunction({ func: functionRequest(d), functionRootPath: join(d.fn.dir, '..'), force: false });
  }
  async updateFunctionCode(d: FunctionDeployment): Promise<void> {
    await this.app.functions.updateFunctionCode({ func: functionRequest(d), functionRootPath: join(d.fn.dir, '..') });
  }
  async updateFunctionConfig(d: FunctionDeployment): Promise<void> {
    const func = functionRequest(d);
    await this.app.functions.updateFunctionConfig(func);
    // Triggers are not part of the configuration call; creating them replaces those of the same name.
    if (d.fn.triggers.length) await this.app.functions.createFunctionTriggers(d.fn.name, d.fn.triggers);
  }
  async listCollections(): Promise<string[]> {
    const out: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.app.database.listCollections({ MgoLimit: 100, MgoOffset: offset });
      out.push(...page.Collections.map((c) => c.CollectionName));
      if (page.Collections.length < 100) break;
    }
    return out;
  }
  async createCollection(name: string): Promise<void> {
    await this.app.database.createCollectionIfNotExists(name);
  }
  async listIndexes(collection: string): Promise<string[]> {
    return ((await this.app.database.describeCollection(collection)).Indexes ?? []).map((i) => i.Name);
  }
  async createIndex(i: IndexSpec): Promise<void> {
    await this.app.database.updateCollection(i.collection, {
      CreateIndexes: [{ IndexName: i.name, MgoKeySchema: { MgoIndexKeys: i.keys.map((k) => ({ Name: k.name, Direction: k.direction })), MgoIsUnique: false } }],
    });
  }
  async getDatabaseRule(collection: string): Promise<unknown> {
    const r = await this.app.permission.describeResourcePermission({ resourceType: 'collection', resources: [collection] });
    const p = r.PermissionList?.find((x) => x.Resource === collection);
    return p?.Permission ? { permission: p.Permission } : null;
  }
  async setDatabaseRule(collection: string, rule: unknown): Promise<void> {
    await this.app.permission.modifyResourcePermission({ resourceType: 'collection', resource: collection, permission: (rule as { permission: 'ADMINONLY' }).permission });
  }
  async getStorageRule(): Promise<unknown> {
    const r = await this.app.permission.describeResourcePermission({ resourceType: 'storage' });
    const p = r.PermissionList?.[0];
    return p?.Permission ? { permission: p.Permission } : null;
  }
  async setStorageRule(rule: unknown): Promise<void> {
    await this.app.permission.modifyResourcePermission({ resourceType: 'storage', permission: (rule as { permission: 'ADMINONLY' }).permission });
  }
  async describeEndpoints(): Promise<Endpoints & { httpAccessEnabled: boolean }> {
    const [gw, hosting] = await Promise.all([this.app.access.getDomainList(), this.app.hosting.getInfo()]);
    const domains = (hosting ?? []).map((h) => h.CdnDomain).filter(Boolean);
    if (!domains.length) throw new Error('该环境未开通静态网站托管：请先在 CloudBase 控制台开通（见 README “Deploy to CloudBase”）');
    if (!gw.DefaultDomain) throw new Error('未查询到 HTTP 访问服务的默认域名：请在 CloudBase 控制台确认 HTTP 访问服务可用，或用 --api-origin 指定');
    return { httpAccessOrigin: normalizeOrigin(gw.DefaultDomain), hostingOrigins: domains.map(normalizeOrigin), httpAccessEnabled: gw.EnableService === true };
  }
  async enableHttpAccess(): Promise<void> {
    await this.app.access.switchAuth(true);
  }
  async listHttpAccess(): Promise<(HttpAccessRoute & { id: string })[]> {
    const out: (HttpAccessRoute & { id: string })[] = [];
    for (let offset = 0; ; ) {
      const page = await this.app.access.getAccessList({ limit: 100, offset });
      const set = page.APISet ?? [];
      out.push(...set.filter((a) => a.Type === 1).map((a) => ({ path: a.Path, function: a.Name, id: a.APIId })));
      offset += set.length;
      if (!set.length || offset >= page.Total) break;
    }
    return out;
  }
  async createHttpAccess(route: HttpAccessRoute): Promise<void> {
    await this.app.access.createAccess({ path: route.path, name: route.function, type: 1, auth: false });
  }
  async deleteHttpAccess(route: HttpAccessRoute & { id?: string }): Promise<void> {
    if (!route.id) throw new Error(`HTTP 访问路径 ${route.path} 没有 APIId，无法删除`);
    await this.app.access.deleteAccess({ apiId: route.id });
  }
  async listHostingFiles(cloudPath: string): Promise<Record<string, string>> {
    const prefix = trimSlashes(cloudPath) ? `${trimSlashes(cloudPath)}/` : '';
    const out: Record<string, string> = {};
    for (const f of await this.app.hosting.listFiles()) {
      if (!f.Key.startsWith(prefix) || f.Key.endsWith('/')) continue;
      out[f.Key.slice(prefix.length)] = f.ETag.replace(/"/g, '');
    }
    return out;
  }
  async uploadHostingFiles(localDir: string, cloudPath: string, files: HostingFile[]): Promise<void> {
    const base = trimSlashes(cloudPath);
    await this.app.hosting.uploadFiles({ files: files.map((f) => ({ localPath: f.source ?? join(localDir, f.path), cloudPath: base ? `${base}/${f.path}` : f.path })), parallel: 5 });
  }
  async deleteHostingFiles(cloudPath: string, paths: string[]): Promise<void> {
    const base = trimSlashes(cloudPath);
    for (const p of paths) await this.app.hosting.deleteFiles({ cloudPath: base ? `${base}/${p}` : p, isDir: false });
  }
  async invokeFunction(name: string, event: Record<string, unknown>): Promise<unknown> {
    const r = await this.app.functions.invokeFunction(name, event);
    if (r.ErrMsg) throw new Error(`invoke ${name}: ${r.ErrMsg}`);
    return JSON.parse(r.RetMsg);
  }
}

/**
 * Credentials: TENCENTCLOUD_SECRETID / SECRETKEY (/ SESSIONTOKEN) from the environment, or the
 * CloudBase CLI's login (`tcb login`), read through the CLI's own toolbox — this script never writes
 * them anywhere.
 */
export async function credentials(): Promise<{ secretId: string; secretKey: string; token?: string }> {
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TENCENTCLOUD_SESSIONTOKEN: token } = process.env;
  if (secretId && secretKey) return { secretId, secretKey, ...(token ? { token } : {}) };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AuthSupevisor } = require('@cloudbase/toolbox') as { AuthSupevisor: { getInstance(o: object): { getLoginState(): Promise<{ secretId?: string; secretKey?: string; token?: string } | null> } } };
    const state = await AuthSupevisor.getInstance({}).getLoginState();
    if (state?.secretId && state.secretKey) return { secretId: state.secretId, secretKey: state.secretKey, ...(state.token ? { token: state.token } : {}) };
  } catch {
    // No CLI login store.
  }
  throw new Error('缺少腾讯云凭证：请设置 TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY（可选 TENCENTCLOUD_SESSIONTOKEN），或先运行 npx tcb login');
}

export async function cloudbaseEnvironment(envId: string): Promise<CloudbaseEnvironment> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const CloudBase = require('@cloudbase/manager-node') as new (cfg: object) => ManagerLike;
  const cred = await credentials();
  return new CloudbaseEnvironment(new CloudBase({ ...cred, envId }), envId);
}
