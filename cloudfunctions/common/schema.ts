import { ALL_COLLECTIONS } from './collections';
import type { Database } from './db';

/**
 * The database schema a fresh environment needs: every collection (CloudBase does not create one on
 * first write). Indexes are declared in indexes.ts and created by the deploy in the cloud; the local
 * database is opened with them. Idempotent: an existing collection is left alone.
 */
export const SCHEMA_COLLECTIONS: readonly string[] = ALL_COLLECTIONS;

const alreadyExists = (e: unknown) => /ALREADY_EXIST|already exist/i.test(String((e as { code?: unknown })?.code ?? '') + String((e as Error)?.message ?? e));

export async function ensureSchema(db: Database): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const name of SCHEMA_COLLECTIONS) {
    try {
      await db.createCollection(name);
      created.push(name);
    } catch (e) {
      if (!alreadyExists(e)) throw e;
    }
  }
  return { created };
}
