/**
 * The deploy plan: everything a CloudBase environment needs, computed offline from the repository
 * and the build (`npm run deploy -- --dry-run` writes it to dist/deploy-plan.json). The function
 * `config.json` files are the single source of timeouts, memory and timer triggers (WeChat DevTools
 * reads the same files); indexes come from cloudfunctions/common/indexes.ts, collections from
 * common/schema.ts.
 */
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join, relative, sep } from 'path';
import { z } from 'zod';
import { CONSOLE_ORIGINS_ENV } from '../../cloudfunctions/common/httpTrigger';
import { INDEXES } from '../../cloudfunctions/common/indexes';
import { SCHEMA_COLLECTIONS } from '../../cloudfunctions/common/schema';
import { CONSOLE_CONFIG_FILE, CONSOLE_FUNCTIONS, consoleConfigScript, HTTP_ACCESS_PREFIX, httpAccessPath, type ConsoleConfig } from '../../shared/consoleConfig';
import { parseCron } from '../localcloud/cron';
import { ADMIN_DIST, DIST, FUNCTIONS_DIST, FUNCTIONS_SRC, ROOT, functionNames } from '../paths';

/** CloudBase runtime the bundles target (esbuild target node16; see README "Under Node 16"). */
export const RUNTIME = 'Nodejs16.13';
/** Function environment variables holding secrets: values come from the deployer's environment only. */
export const SECRET_NAMES = ['ANXUE_HASH_KEY', 'ANXUE_ENC_KEY', 'ANXUE_SESSION_KEY', 'ANXUE_BOOTSTRAP_KEY'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

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
/** cloudfunctions/<fn>/config.json (also read by WeChat DevTools' 上传并部署). */
export const FunctionConfigFile = z.object({
  timeout: z.number().int().min(1).max(60),
  memorySize: z.number().int().min(128).max(3072).optional(),
  permissions: z.object({ openapi: z.array(z.string()) }).optional(),
  triggers: z.array(Trigger).max(1, 'CloudBase allows one timer trigger per function').optional(),
});

export interface FunctionPlan {
  name: string;
  timeoutS: number;
  memoryMB: number;
  runtime: string;
  triggers: z.infer<typeof Trigger>[];
  /**
   * Names only: the secrets (values from the deployer's environment) and ANXUE_CONSOLE_ORIGINS
   * (value: the plan's `consoleOrigins`).
   */
  envVariables: string[];
  /** sha256 of the built folder (index.js, package.json, config.json): what "changed code" means. */
  codeHash: string;
  dir: string;
}

export interface HostingFile {
  path: string;
  size: number;
  /** md5, as COS reports a simple upload's ETag: the remote side can be compared without downloading. */
  md5: string;
  /** The local file uploaded, when it is not `<hosting.dir>/<path>` (the environment's config.js). */
  source?: string;
}

/** An HTTP access service (云接入) path and the function it reaches. */
export interface HttpAccessRoute {
  path: string;
  function: string;
}

export interface DeployPlan {
  envId: string;
  functions: FunctionPlan[];
  collections: string[];
  indexes: { collection: string; name: string; keys: { name: string; direction: '1' | '-1' }[] }[];
  securityRules: {
    /** Per collection ADMINONLY (仅管理端可读写): closed to every client; the functions own the data. */
    database: Record<string, { permission: 'ADMINONLY' }>;
    /** ADMINONLY: no client reads or writes storage; files are read through function-issued temp URLs. */
    storage: { permission: 'ADMINONLY' };
  };
  hosting: { dir: string; cloudPath: string; files: HostingFile[] };
  /** The console's transport (issue 8 §1): one HTTP access path per function the console calls. */
  httpAccess: HttpAccessRoute[];
  /**
   * The hosted console's runtime config (`admin/config.js`, replacing the build's default): the
   * functions' URL on the environment's HTTP access domain. `content` is null until that domain is
   * known — asked of the environment at deploy time, or given with `--api-origin`.
   */
  hostingConfig: { file: string; functionsPath: string; content: ConsoleConfig | null };
  /**
   * ANXUE_CONSOLE_ORIGINS of every function (CORS): the static hosting origin(s). Null until known —
   * asked of the environment at deploy time, or given with `--console-origin`.
   */
  consoleOrigins: string[] | null;
  /**
   * What the weapp is built with (after the console's origin is known): the env id, and the hosted
   * console's URL for the 学时证明 QR code (`<console origin><hosting.cloudPath>/`). ANXUE_CONSOLE_URL
   * is null until known — asked of the environment at deploy time, or from the first `--console-origin`.
   */
  weappBuild: { ANXUE_CLOUD_ENV: string; ANXUE_CONSOLE_URL: string | null };
  bootstrap: { function: 'stats'; action: 'bootstrap'; provinces: string[]; regions: number };
}

export function hashDir(dir: string): string {
  const h = createHash('sha256');
  for (const f of listFiles(dir)) {
    h.update(f.replace(/\\/g, '/')).update('\0').update(readFileSync(join(dir, f))).update('\0');
  }
  return h.digest('hex');
}

/** Files under dir, relative, sorted (stable across machines). */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export const md5Of = (file: string): string => createHash('md5').update(readFileSync(file)).digest('hex');

export function functionConfig(name: string): z.infer<typeof FunctionConfigFile> {
  const file = join(FUNCTIONS_SRC, name, 'config.json');
  if (!existsSync(file)) throw new Error(`cloudfunctions/${name}/config.json is missing (timeout and triggers live there)`);
  return FunctionConfigFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface PlanOptions {
  envId: string;
  functionsDir?: string;
  hostingDir?: string;
  provinces?: string[];
  regions?: number;
  /** The HTTP access origin (`https://<domain>`), when the deployer names it (a custom domain). */
  apiOrigin?: string;
  /** The console's origins, when the deployer names them (e.g. a custom hosting domain). */
  consoleOrigins?: string[];
}

/** `https://host[:port]` only: what a browser sends as Origin and what the console's config points at. */
export function normalizeOrigin(raw: string): string {
  const s = raw.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z]+:\/\//i.test(s) ? s : `https://${s}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new Error(`不是有效的域名或地址：${raw}`);
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.pathname !== '/' || u.search || u.hash || u.username) throw new Error(`应为 https://域名 形式（不含路径）：${raw}`);
  return u.origin;
}

/** Where the console is hosted under the static hosting domain. */
const HOSTING_PATH = '/admin';

/** The hosted console's URL (what the weapp's ANXUE_CONSOLE_URL holds): `https://host/admin/`. */
export const consoleUrl = (origin: string, cloudPath: string): string => `${normalizeOrigin(origin)}${cloudPath.replace(/\/+$/, '')}/`;

/** Builds the plan from what is on disk (run the builds first). Pure apart from reading files. */
export function buildPlan(opts: PlanOptions): DeployPlan {
  const functionsDir = opts.functionsDir ?? FUNCTIONS_DIST;
  const hostingDir = opts.hostingDir ?? ADMIN_DIST;
  const names = functionNames();
  for (const fn of CONSOLE_FUNCTIONS) if (!names.includes(fn)) throw new Error(`CONSOLE_FUNCTIONS names ${fn}, which is not a function`);
  const functions = names.map((name): FunctionPlan => {
    const cfg = functionConfig(name);
    const dir = join(functionsDir, name);
    if (!existsSync(join(dir, 'index.js'))) throw new Error(`function ${name} is not built (${relative(ROOT, dir)}/index.js)`);
    return {
      name,
      timeoutS: cfg.timeout,
      memoryMB: cfg.memorySize ?? 256,
      runtime: RUNTIME,
      triggers: cfg.triggers ?? [],
      envVariables: [...SECRET_NAMES, CONSOLE_ORIGINS_ENV],
      codeHash: hashDir(dir),
      dir,
    };
  });
  const collections = [...SCHEMA_COLLECTIONS];
  const indexes = INDEXES.map((i) => ({
    collection: i.collection as string,
    name: i.name,
    keys: i.keys.map((k) => ({ name: k.field, direction: String(k.direction) as '1' | '-1' })),
  }));
  for (const i of indexes) if (!collections.includes(i.collection)) throw new Error(`index ${i.collection}.${i.name} names an undeclared collection`);
  const files = listFiles(hostingDir).map((path) => ({ path, size: statSync(join(hostingDir, path)).size, md5: md5Of(join(hostingDir, path)) }));
  if (!files.some((f) => f.path === 'index.html')) throw new Error(`the console is not built (${relative(ROOT, hostingDir)}/index.html)`);
  return {
    envId: opts.envId,
    functions,
    collections,
    indexes,
    securityRules: {
      database: Object.fromEntries(collections.map((c) => [c, { permission: 'ADMINONLY' as const }])),
      storage: { permission: 'ADMINONLY' },
    },
    hosting: { dir: hostingDir, cloudPath: HOSTING_PATH, files },
    httpAccess: CONSOLE_FUNCTIONS.map((fn) => ({ path: httpAccessPath(fn), function: fn })),
    hostingConfig: {
      file: CONSOLE_CONFIG_FILE,
      functionsPath: HTTP_ACCESS_PREFIX,
      content: opts.apiOrigin ? { functionsUrl: `${normalizeOrigin(opts.apiOrigin)}${HTTP_ACCESS_PREFIX}` } : null,
    },
    consoleOrigins: opts.consoleOrigins?.length ? [...new Set(opts.consoleOrigins.map(normalizeOrigin))].sort() : null,
    // The deployer's first named origin is the one printed on certificates (e.g. a custom domain).
    weappBuild: { ANXUE_CLOUD_ENV: opts.envId, ANXUE_CONSOLE_URL: opts.consoleOrigins?.length ? consoleUrl(opts.consoleOrigins[0], HOSTING_PATH) : null },
    bootstrap: { function: 'stats', action: 'bootstrap', provinces: opts.provinces ?? ['37'], regions: opts.regions ?? 0 },
  };
}

/** What the environment reports about itself (deploy time): the domains the plan needs. */
export interface Endpoints {
  /** The HTTP access service's default domain, as an origin (`https://…`). */
  httpAccessOrigin: string;
  /** The static hosting domain(s), as origins. */
  hostingOrigins: string[];
}

/** Where the environment's config.js is written before upload (nothing secret in it). */
export const stagingDir = (envId: string): string => join(DIST, 'deploy', envId);

/**
 * Completes a plan with what only the environment knows (or the deployer named): the console's
 * config.js, written to the staging folder and put in the hosting files in place of the build's
 * default (same build, only the config differs), and ANXUE_CONSOLE_ORIGINS.
 */
export function resolvePlan(plan: DeployPlan, endpoints: Endpoints, dir = stagingDir(plan.envId)): DeployPlan {
  const content = plan.hostingConfig.content ?? { functionsUrl: `${normalizeOrigin(endpoints.httpAccessOrigin)}${plan.hostingConfig.functionsPath}` };
  const consoleOrigins = plan.consoleOrigins ?? [...new Set(endpoints.hostingOrigins.map(normalizeOrigin))].sort();
  if (!consoleOrigins.length) throw new Error('不知道管理后台的访问域名：请先开通静态网站托管，或用 --console-origin 指定');
  // The deployer's named origin, else the environment's first reported hosting domain.
  const weappBuild = { ...plan.weappBuild, ANXUE_CONSOLE_URL: plan.weappBuild.ANXUE_CONSOLE_URL ?? consoleUrl(endpoints.hostingOrigins[0] ?? consoleOrigins[0], plan.hosting.cloudPath) };
  const text = consoleConfigScript(content);
  mkdirSync(dir, { recursive: true });
  const source = join(dir, plan.hostingConfig.file);
  writeFileSync(source, text);
  const config: HostingFile = { path: plan.hostingConfig.file, size: Buffer.byteLength(text), md5: createHash('md5').update(text).digest('hex'), source };
  const files = [...plan.hosting.files.filter((f) => f.path !== config.path), config].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...plan, hostingConfig: { ...plan.hostingConfig, content }, consoleOrigins, weappBuild, hosting: { ...plan.hosting, files } };
}

/** What dist/deploy-plan.json holds: paths relative to the repository, nothing secret. */
export function planForFile(plan: DeployPlan): unknown {
  return {
    ...plan,
    functions: plan.functions.map((f) => ({ ...f, dir: relative(ROOT, f.dir) })),
    hosting: { ...plan.hosting, dir: relative(ROOT, plan.hosting.dir), files: plan.hosting.files.map((f) => (f.source ? { ...f, source: relative(ROOT, f.source) } : f)) },
  };
}
