/**
 * The local cloud as a deploy target: functions are folders the local cloud's FunctionHost runs
 * (`<root>/functions/<name>`, the recorded hashes in `.deploy.json` beside them), collections and
 * indexes live in its database, rules and the index list in `<root>/deploy-state.json`, static
 * hosting is `<root>/hosting/<cloudPath>`. Tests deploy to it twice to prove the second run is a no-op.
 */
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import type { LocalDatabase } from '../localcloud/db';
import type { Environment, FunctionDeployment, IndexSpec, RemoteFunction } from './environment';
import { listFiles, type Endpoints, type HostingFile, type HttpAccessRoute } from './plan';
import { ROOT } from '../paths';

interface State {
  indexes: IndexSpec[];
  databaseRules: Record<string, unknown>;
  storageRule: unknown;
  httpAccessEnabled?: boolean;
  httpAccess?: HttpAccessRoute[];
}

export interface LocalEnvironmentOptions {
  root: string;
  db: LocalDatabase;
  /** Calls a deployed function (the local cloud's FunctionHost). */
  invoke(name: string, event: Record<string, unknown>): Promise<unknown>;
  /** The local cloud's origin serves both the HTTP access paths (`/fn/<name>`) and the console. */
  endpoints: Endpoints;
}

const safeName = (n: string) => {
  if (!/^[a-z][\w-]{0,59}$/.test(n)) throw new Error(`bad function name ${n}`);
  return n;
};
const safePath = (p: string) => {
  if (p.split('/').some((s) => s === '..' || s === '')) throw new Error(`bad hosting path ${p}`);
  return p;
};

export class LocalEnvironment implements Environment {
  readonly label: string;
  constructor(private readonly opts: LocalEnvironmentOptions) {
    this.label = `本地云（${opts.root}）`;
  }

  get functionsDir(): string {
    return join(this.opts.root, 'functions');
  }
  hostingDir(cloudPath = ''): string {
    return join(this.opts.root, 'hosting', ...cloudPath.split('/').filter(Boolean).map(safePath));
  }
  private get stateFile() {
    return join(this.opts.root, 'deploy-state.json');
  }
  private state(): State {
    return existsSync(this.stateFile) ? (JSON.parse(readFileSync(this.stateFile, 'utf8')) as State) : { indexes: [], databaseRules: {}, storageRule: null };
  }
  private save(s: State): void {
    mkdirSync(this.opts.root, { recursive: true });
    writeFileSync(this.stateFile, JSON.stringify(s, null, 2));
  }

  async listFunctions(): Promise<RemoteFunction[]> {
    if (!existsSync(this.functionsDir)) return [];
    const names = new Set(listFiles(this.functionsDir).filter((f) => f.endsWith('/.deploy.json')).map((f) => f.split('/')[0]));
    return [...names].map((name) => {
      const meta = JSON.parse(readFileSync(join(this.functionsDir, name, '.deploy.json'), 'utf8')) as { codeHash: string; configHash: string };
      return { name, codeHash: meta.codeHash, configHash: meta.configHash };
    });
  }
  async createFunction(d: FunctionDeployment): Promise<void> {
    await this.updateFunctionCode(d);
    await this.updateFunctionConfig(d);
  }
  async updateFunctionCode(d: FunctionDeployment): Promise<void> {
    const dir = join(this.functionsDir, safeName(d.fn.name));
    const meta = existsSync(join(dir, '.deploy.json')) ? readFileSync(join(dir, '.deploy.json'), 'utf8') : null;
    rmSync(dir, { recursive: true, force: true });
    cpSync(d.fn.dir, dir, { recursive: true });
    // CloudBase installs the function's dependencies (installDependency); here: the repository's copy.
    const deps = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(deps.dependencies ?? {})) {
      mkdirSync(dirname(join(dir, 'node_modules', dep)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
    }
    if (meta) writeFileSync(join(dir, '.deploy.json'), meta);
  }
  async updateFunctionConfig(d: FunctionDeployment): Promise<void> {
    const dir = join(this.functionsDir, safeName(d.fn.name));
    // Secret values are not written here: the local cloud injects its own (DATA_DIR/secrets.json)
    // and sets ANXUE_CONSOLE_ORIGINS to its own origin; recorded for inspection only.
    const meta = {
      codeHash: d.codeHash,
      configHash: d.configHash,
      timeoutS: d.fn.timeoutS,
      memoryMB: d.fn.memoryMB,
      triggers: d.fn.triggers,
      envVariables: Object.keys(d.envVariables),
      consoleOrigins: d.envVariables.ANXUE_CONSOLE_ORIGINS ?? null,
    };
    writeFileSync(join(dir, '.deploy.json'), JSON.stringify(meta, null, 2));
  }
  async listCollections(): Promise<string[]> {
    return this.opts.db.collectionNames();
  }
  async createCollection(name: string): Promise<void> {
    await this.opts.db.addCollection(name);
  }
  async listIndexes(collection: string): Promise<string[]> {
    return this.state()
      .indexes.filter((i) => i.collection === collection)
      .map((i) => i.name);
  }
  async createIndex(index: IndexSpec): Promise<void> {
    const s = this.state();
    this.opts.db.addIndexes([{ collection: index.collection, name: index.name, keys: index.keys.map((k) => ({ field: k.name, direction: Number(k.direction) as 1 | -1 })) }] as never);
    s.indexes.push(index);
    this.save(s);
  }
  async getDatabaseRule(collection: string): Promise<unknown> {
    return this.state().databaseRules[collection] ?? null;
  }
  async setDatabaseRule(collection: string, rule: unknown): Promise<void> {
    const s = this.state();
    s.databaseRules[collection] = rule;
    this.save(s);
  }
  async getStorageRule(): Promise<unknown> {
    return this.state().storageRule;
  }
  async setStorageRule(rule: unknown): Promise<void> {
    const s = this.state();
    s.storageRule = rule;
    this.save(s);
  }
  async describeEndpoints(): Promise<Endpoints & { httpAccessEnabled: boolean }> {
    return { ...this.opts.endpoints, httpAccessEnabled: this.state().httpAccessEnabled === true };
  }
  async enableHttpAccess(): Promise<void> {
    const s = this.state();
    s.httpAccessEnabled = true;
    this.save(s);
  }
  async listHttpAccess(): Promise<HttpAccessRoute[]> {
    return this.state().httpAccess ?? [];
  }
  async createHttpAccess(route: HttpAccessRoute): Promise<void> {
    const s = this.state();
    // CloudBase refuses a second API on the same path; so does this.
    if ((s.httpAccess ?? []).some((r) => r.path === route.path)) throw new Error(`HTTP access path ${route.path} exists`);
    s.httpAccess = [...(s.httpAccess ?? []), { path: route.path, function: safeName(route.function) }];
    this.save(s);
  }
  async deleteHttpAccess(route: HttpAccessRoute): Promise<void> {
    const s = this.state();
    s.httpAccess = (s.httpAccess ?? []).filter((r) => r.path !== route.path);
    this.save(s);
  }
  async listHostingFiles(cloudPath: string): Promise<Record<string, string>> {
    const dir = this.hostingDir(cloudPath);
    return Object.fromEntries(listFiles(dir).map((f) => [f, createHash('md5').update(readFileSync(join(dir, f))).digest('hex')]));
  }
  async uploadHostingFiles(localDir: string, cloudPath: string, files: HostingFile[]): Promise<void> {
    for (const f of files) {
      const to = join(this.hostingDir(cloudPath), safePath(f.path));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(f.source ?? join(localDir, f.path), to);
    }
  }
  async deleteHostingFiles(cloudPath: string, paths: string[]): Promise<void> {
    for (const p of paths) rmSync(join(this.hostingDir(cloudPath), safePath(p)), { force: true });
  }
  invokeFunction(name: string, event: Record<string, unknown>): Promise<unknown> {
    return this.opts.invoke(name, event);
  }
}
