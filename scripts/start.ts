/**
 * `npm start`: the whole product on the local cloud. Builds what is missing, opens the database in
 * DATA_DIR (default .data/), seeds demo data on first start, serves the H5 mini-program at / and the
 * console at /admin/, and prints the URLs and demo logins.
 */
import { resolve } from 'path';
import { build } from './build';
import { startLocalCloud } from './localcloud/server';
import { ROOT } from './paths';
import { seedDemoData } from './seed';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = resolve(ROOT, process.env.DATA_DIR ?? '.data');
  if (process.env.SKIP_BUILD !== '1') {
    console.log('构建（仅缺失部分）…');
    await build({ missingOnly: true, targets: ['h5', 'admin'] });
  }
  const cloud = await startLocalCloud({ port, dataDir });
  // The seed writes through wx-server-sdk in this process, like a function would.
  Object.assign(process.env, cloud.sdkEnv('seed'));
  const { seeded, logins, workers } = await seedDemoData({ log: (m) => console.log(m) });
  console.log(seeded ? '已写入演示数据。' : '使用已有数据（删除数据目录可重新生成演示数据）。');
  console.log(`
安学 · 本地云已启动（数据目录 ${dataDir}）
  小程序 H5：   ${cloud.url}/
  管理后台：    ${cloud.url}/admin/
  云函数接口：  POST ${cloud.url}/api/fn/<函数名>  （请求头 X-Local-OpenId 可指定模拟的微信用户）

演示账号（管理后台）：`);
  for (const l of logins) console.log(`  ${l.username.padEnd(14)} ${l.password}   ${l.role} · ${l.scope}`);
  console.log('\n演示员工（小程序“登录”：身份证号 + 密码；首次登录需修改密码）：');
  for (const w of workers) console.log(`  ${w.idNumber}  ${w.password}   ${w.name} · ${w.enterpriseName}`);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
