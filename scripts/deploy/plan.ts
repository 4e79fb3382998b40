/**
 * The deploy plan: everything a CloudBase environment needs, computed offline from the repository
 * and the build (`npm run deploy -- --dry-run` writes it to dist/deploy-plan.json). The function
 * `config.json` files are the single source of timeouts, memory and timer triggers (WeChat DevTools
 * reads the same files); indexes come from cloudfunctions/common/indexes.ts, collections from
 * common/schema.ts.
 */
import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, sep } from 'path';
import { z } from 'zod';
import { INDEXES } from '../../cloudfunctions/common/indexes';
import { SCHEMA_COLLECTIONS } from '../../cloudfunctions/common/schema';
import { parseCron } from '../localcloud/cron';
import { ADMIN_DIST, FUNCTIONS_DIST, FUNCTIONS_SRC, ROOT, functionNames } from '../paths';

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
  /** Names only: the values are secrets (from the deployer's environment). */
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
  /**
   * Seams for the console's HTTP transport (issue 8 §1): HTTP access service paths → function, and
   * the runtime config the hosted console reads. Empty / null until the transport declares them.
   */
  httpAccess: { path: string; function: string }[];
  hostingConfig: { file: string; content: Record<string, unknown> } | null;
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
  httpAccess?: DeployPlan['httpAccess'];
  hostingConfig?: DeployPlan['hostingConfig'];
}

/** Builds the plan from what is on disk (run the builds first). Pure apart from reading files. */
export function buildPlan(opts: PlanOptions): DeployPlan {
  const functionsDir = opts.functionsDir ?? FUNCTIONS_DIST;
  const hostingDir = opts.hostingDir ?? ADMIN_DIST;
  const functions = functionNames().map((name): FunctionPlan => {
    const cfg = functionConfig(name);
    const dir = join(functionsDir, name);
    if (!existsSync(join(dir, 'index.js'))) throw new Error(`function ${name} is not built (${relative(ROOT, dir)}/index.js)`);
    return {
      name,
      timeoutS: cfg.timeout,
      memoryMB: cfg.memorySize ?? 256,
      runtime: RUNTIME,
      triggers: cfg.triggers ?? [],
      envVariables: [...SECRET_NAMES],
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
    hosting: { dir: hostingDir, cloudPath: '/admin', files },
    httpAccess: opts.httpAccess ?? [],
    hostingConfig: opts.hostingConfig ?? null,
    bootstrap: { function: 'stats', action: 'bootstrap', provinces: opts.provinces ?? ['37'], regions: opts.regions ?? 0 },
  };
}

/** What dist/deploy-plan.json holds: paths relative to the repository, nothing secret. */
export function planForFile(plan: DeployPlan): unknown {
  return {
    ...plan,
    functions: plan.functions.map((f) => ({ ...f, dir: relative(ROOT, f.dir) })),
    hosting: { ...plan.hosting, dir: relative(ROOT, plan.hosting.dir) },
  };
}
