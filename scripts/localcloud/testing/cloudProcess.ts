/**
 * Child process for crash tests: the whole local cloud (built function bundles, database, storage)
 * on a data directory, seeded with the demo data on first start; prints "READY <port>" once it
 * listens. Environment variables (ANXUE_FAILPOINT …) reach the function instances. Usage:
 *   node --import tsx scripts/localcloud/testing/cloudProcess.ts <dataDir>
 */
import { startSeededCloud } from './seededCloud';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: cloudProcess.ts <dataDir>');

(async () => {
  const { cloud } = await startSeededCloud({ dataDir });
  process.stdout.write(`READY ${cloud.port}\n`);
})().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
