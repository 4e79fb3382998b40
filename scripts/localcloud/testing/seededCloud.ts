import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FUNCTIONS_DIST } from '../../paths';
import { seedDemoData } from '../../seed';
import { startLocalCloud, type LocalCloud } from '../server';

export interface SeededCloud {
  cloud: LocalCloud;
  dataDir: string;
  /** Stops the cloud; removes the data folder when this helper made it. */
  close(): Promise<void>;
}

/** Fails with a clear message when a built file a suite needs is missing (never a silent pass). */
export function assertBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before this suite (npm test does)`);
}

/** assertBuilt for the bundles of these functions. */
export function assertFunctionsBuilt(names: readonly string[]): void {
  for (const fn of names) assertBuilt(join(FUNCTIONS_DIST, fn, 'index.js'));
}

/**
 * A local cloud on a data folder (a fresh temporary one unless given), bootstrapped and seeded with
 * the demo data, with this process's SDK pointed at it (as the seed, the tests and the bench need).
 */
export async function startSeededCloud(opts: { tmpPrefix?: string; dataDir?: string } = {}): Promise<SeededCloud> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), opts.tmpPrefix ?? 'anxue-cloud-'));
  const cloud = await startLocalCloud({ port: 0, dataDir, timers: false, log: () => undefined });
  Object.assign(process.env, cloud.sdkEnv('seed'));
  await seedDemoData({ cloudUrl: cloud.url });
  return {
    cloud,
    dataDir,
    async close() {
      await cloud.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
