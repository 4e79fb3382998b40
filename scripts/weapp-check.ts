/**
 * `npm run check:weapp [-- <projectDir>]`: WeChat's own compiler (miniprogram-ci, offline) compiles
 * the weapp build that project.config.json points at (default: the repo, dist/miniprogram) and runs
 * DevTools' checkCodeQuality. Exit code 0 only if the compile succeeds and every item passes.
 * The last stdout line is `WEAPP_CHECK <json>` for tests. The process always exits itself:
 * miniprogram-ci may leave a file watcher running.
 */
import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { ROOT } from './paths';
import { checkWeapp } from './weapp';

const projectPath = resolve(process.argv[2] ?? ROOT);
// miniprogram-ci leaves an empty scratch folder in the working directory: keep it in the gitignored
// .cache/ (still inside the repo, so workers it forks with node's flags resolve them as here).
const scratch = join(ROOT, '.cache', 'weapp-ci');
mkdirSync(scratch, { recursive: true });
process.chdir(scratch);

const fail = (e: unknown) => {
  console.error(e);
  process.stdout.write(`WEAPP_CHECK ${JSON.stringify({ ok: false, compiled: false, compileError: String((e as Error)?.message ?? e), quality: [] })}\n`, () => process.exit(1));
};
// WeChat's compiler reports some failures (a page without its files) by crashing its worker
// process from a callback: that is a failed compile too, with its message.
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

checkWeapp(projectPath).then(
  (r) => {
    if (!r.compiled) console.error(`✗ 编译失败 (WeChat compiler): ${r.compileError}`);
    for (const i of r.quality) console.log(i.success ? `✓ ${i.name}` : `✗ ${i.name} — ${i.text ?? ''}`);
    console.log(r.ok ? 'weapp check passed' : 'weapp check FAILED');
    process.stdout.write(`WEAPP_CHECK ${JSON.stringify(r)}\n`, () => process.exit(r.ok ? 0 : 1));
  },
  fail,
);
