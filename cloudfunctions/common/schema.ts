import { ALL_COLLECTIONS, type CollectionName } from './collections';
import { isCollectionAlreadyExists } from './dbErrors';
import { INDEXES, type IndexDecl } from './indexes';

/**
 * The database schema a fresh environment needs, declared once: every collection and every index.
 * CloudBase (and the strict local database) refuses to read or write a collection that was not
 * created, so a new environment runs `ensureSchema` before anything else (stats.bootstrap, which
 * the deploy, the local cloud and every test harness run). Indexes are created in the cloud by the
 * deploy (manager-node); the local database is opened with `INDEXES`.
 */
export interface Schema {
  collections: readonly string[];
  indexes: readonly IndexDecl[];
}

export const SCHEMA_COLLECTIONS: readonly string[] = ALL_COLLECTIONS;
export const SCHEMA: Schema = { collections: SCHEMA_COLLECTIONS, indexes: INDEXES };

export { INDEXES };
export type { CollectionName, IndexDecl };

/** The part of the server SDK's database that creating collections needs. */
export interface SchemaDb {
  createCollection(name: string): Promise<unknown>;
}

/**
 * Creates every declared collection that is missing (`db.createCollection`, which CloudBase allows
 * from a cloud function). "Already exists" — recognised by its error CODE (dbErrors.ts), never by
 * message text — counts as success; any other error is thrown. Idempotent.
 */
export async function ensureSchema(db: SchemaDb, schema: Schema = SCHEMA): Promise<{ created: string[]; existing: string[] }> {
  const created: string[] = [];
  const existing: string[] = [];
  for (const name of schema.collections) {
    try {
      await db.createCollection(name);
      created.push(name);
    } catch (e) {
      if (!isCollectionAlreadyExists(e)) throw e;
      existing.push(name);
    }
  }
  return { created, existing };
}
