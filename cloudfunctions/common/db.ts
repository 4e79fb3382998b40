import { getCloud } from './cloud';

/**
 * The database seam: actions receive the database from here (through ctx), never by calling
 * cloud.database() themselves. The interfaces below describe the promise style of wx-server-sdk's
 * database that we use (its own typings mix in callback overloads); the contract suite pins that
 * the SDK behaves as described.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = { _id: string } & Record<string, any>;
type Data = Record<string, unknown>;

export interface Query {
  where(condition: Data | unknown): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean | 0 | 1>): Query;
  get<T = Doc>(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  update(opts: { data: Data }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  get(): Promise<{ data: Doc | Doc[] }>;
  set(opts: { data: Data }): Promise<{ _id?: string; stats: { updated: number; created?: number } }>;
  update(opts: { data: Data }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Aggregate {
  match(q: Data): Aggregate;
  group(g: Data): Aggregate;
  project(p: Data): Aggregate;
  sort(s: Record<string, 1 | -1>): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  lookup(l: Data): Aggregate;
  unwind(u: string | Data): Aggregate;
  count(field: string): Aggregate;
  end<T = Doc>(): Promise<{ list: T[] }>;
}

export interface Collection extends Query {
  doc(id: string): DocumentRef;
  /** A single document answers `_id`; an array answers `_ids`. */
  add(opts: { data: Data | Data[] }): Promise<{ _id?: string; _ids?: string[] }>;
  aggregate(): Aggregate;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Command {
  eq(v: unknown): any;
  neq(v: unknown): any;
  gt(v: unknown): any;
  gte(v: unknown): any;
  lt(v: unknown): any;
  lte(v: unknown): any;
  in(v: unknown[]): any;
  nin(v: unknown[]): any;
  exists(v: boolean): any;
  and(conds: unknown[]): any;
  or(conds: unknown[]): any;
  inc(n: number): any;
  set(v: unknown): any;
  remove(): any;
  push(v: unknown): any;
  pull(v: unknown): any;
  addToSet(v: unknown): any;
  aggregate: Record<string, (...args: any[]) => any>;
}

export interface Transaction {
  collection(name: string): { doc(id: string): DocumentRef; add(opts: { data: Data }): Promise<{ _id?: string }> };
  rollback(reason?: unknown): Promise<void>;
}

export interface Database {
  collection(name: string): Collection;
  command: Command;
  RegExp(opts: { regexp: string; options?: string }): unknown;
  serverDate(opts?: { offset?: number }): unknown;
  createCollection(name: string): Promise<unknown>;
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let db: Database | undefined;

export function getDb(): Database {
  if (!db) db = getCloud().database() as unknown as Database;
  return db;
}

/**
 * Reads one document by `_id`, or null. (The SDKs differ on a missing id — one throws, one answers
 * an empty list — so every caller goes through this one place.)
 */
export async function getById<T>(collection: string, id: string): Promise<T | null> {
  try {
    const res = await getDb().collection(collection).doc(id).get();
    const d = Array.isArray(res.data) ? res.data[0] : res.data;
    return (d ?? null) as T | null;
  } catch (e) {
    // Only a missing document means "none"; a missing collection (-502005) is a real error.
    if (/document with _id|DATABASE_DOCUMENT_NOT_EXIST|cannot find document/i.test(String((e as Error)?.message ?? e))) return null;
    throw e;
  }
}

export { C } from './collections';
