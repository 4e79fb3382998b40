/**
 * Builds what the local cloud serves: cloud functions (always; ~1 s), the H5 mini-program, the
 * console and the weapp. `--missing` builds only what is absent (used by `npm start`).
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { buildFunctions } from './build-functions';
import { ADMIN_DIST, H5_DIST, ROOT, WEAPP_DIST } from './paths';

const TARGETS = {
  h5: { out: H5_DIST, script: 'build:h5' },
  admin: { out: ADMIN_DIST, script: 'build:admin' },
  weapp: { out: WEAPP_DIST, script: 'build:weapp' },
} as const;
export type Target = keyof typeof TARGETS;

function runScript(script: string): void {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`npm run ${script} failed`);
  console.log(`  ${script} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

export async function build(opts: { missingOnly?: boolean; targets?: Target[] } = {}): Promise<void> {
  await buildFunctions();
  for (const t of opts.targets ?? (Object.keys(TARGETS) as Target[])) {
    const { out, script } = TARGETS[t];
    if (opts.missingOnly && existsSync(join(out, t === 'weapp' ? 'app.js' : 'index.html'))) continue;
    runScript(script);
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const targets = args.filter((a): a is Target => a in TARGETS);
  build({ missingOnly: args.includes('--missing'), targets: targets.length ? targets : undefined }).catch((e) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
