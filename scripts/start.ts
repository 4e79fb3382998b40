/**
 * `npm start`: the whole product on the local cloud. Builds what is missing, opens the database in
 * DATA_DIR (default .data/), bootstraps it with the same action the deploy runs in CloudBase
 * (stats.bootstrap: collections, regions, the first sysadmin with a one-time password printed
 * once), then — unless DEMO=0 — seeds demo data on top, serves the H5 mini-program at / and the
 * console at /admin/, and prints the URLs and logins.
 */
import { resolve } from 'path';
import { build } from './build';
import type { BootstrapSummary } from './deploy/bootstrapClient';
import { startLocalCloud, type LocalCloudOptions } from './localcloud/server';
import { ROOT } from './paths';
import { seedDemoData } from './seed';

export function printBootstrap(b: BootstrapSummary, log: (m: string) => void): void {
  log(`初始化：新建集合 ${b.collectionsCreated.length} 个，新增行政区划 ${b.regions.created}/${b.regions.total} 条。`);
  if (b.sysadmin.oneTimePassword) {
    log(`首个系统管理员（仅显示这一次，首次登录须修改密码）：用户名 ${b.sysadmin.username}  一次性密码 ${b.sysadmin.oneTimePassword}`);
  } else log(`系统管理员 ${b.sysadmin.username} 已存在（一次性密码只在创建时显示）。`);
}

export async function startEnvironment(opts: LocalCloudOptions & { demo: boolean }) {
  const cloud = await startLocalCloud(opts);
  const bootstrap = cloud.bootstrap!;
  if (!opts.demo) return { cloud, bootstrap, demo: null };
  // The seed writes through wx-server-sdk in this process, like a function would.
  Object.assign(process.env, cloud.sdkEnv('seed'));
  return { cloud, bootstrap, demo: await seedDemoData({ log: opts.log, cloudUrl: cloud.url }) };
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = resolve(ROOT, process.env.DATA_DIR ?? '.data');
  const demo = process.env.DEMO !== '0';
  if (process.env.SKIP_BUILD !== '1') {
    console.log('构建（仅缺失部分）…');
    await build({ missingOnly: true, targets: ['h5', 'admin'] });
  }
  const { cloud, bootstrap, demo: seeded } = await startEnvironment({ port, dataDir, demo, log: (m) => console.log(m) });
  printBootstrap(bootstrap, (m) => console.log(m));
  if (seeded) console.log(seeded.seeded ? '已写入演示数据。' : '使用已有数据（删除数据目录可重新生成演示数据）。');
  else console.log('DEMO=0：空环境（无演示数据），请用上面的系统管理员登录管理后台。');
  console.log(`
安学 · 本地云已启动（数据目录 ${dataDir}）
  小程序 H5：   ${cloud.url}/
  管理后台：    ${cloud.url}/admin/
  云函数接口：  POST ${cloud.url}/api/fn/<函数名>  （同 wx.cloud.callFunction；请求头 X-Local-OpenId 可指定模拟的微信用户）
  HTTP 访问：   POST ${cloud.url}/fn/<函数名>  （管理后台使用；会话放在请求头 X-Session-Token）`);
  if (seeded) {
    console.log('\n演示账号（管理后台）：');
    for (const l of seeded.logins) console.log(`  ${l.username.padEnd(14)} ${l.password}   ${l.role} · ${l.scope}`);
    console.log('\n演示员工（小程序“登录”：身份证号 + 密码；首次登录需修改密码）：');
    for (const w of seeded.workers) console.log(`  ${w.idNumber}  ${w.password}   ${w.name} · ${w.enterpriseName}`);
  }
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
