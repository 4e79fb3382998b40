/**
 * Child process for the kill -9 durability test: runs the database server on the given data
 * directory and prints "READY <port>" once it listens. Usage:
 *   node --import tsx scripts/localcloud/db/testing/crashServer.ts <dataDir> [compactAfterBytes]
 */
import { startDbServer } from '../server';

const [dataDir, compactAfter] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crashServer.ts <dataDir> [compactAfterBytes]');

// Durability, not collection strictness, is under test: collections appear on first insert.
startDbServer({ dataDir, autoCreateCollections: true, compactAfterBytes: compactAfter ? Number(compactAfter) : undefined })
  .then((server) => process.stdout.write(`READY ${server.port}\n`))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
