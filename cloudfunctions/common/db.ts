import { getCloud } from './cloud';
import { isTransactionConflict } from './dbErrors';

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
  /** `data` is null for a missing document (getDb sets throwOnNotFound: false). */
  get(): Promise<{ data: Doc | Doc[] | null }>;
  set(opts: { data: Data }): Promise<{ _id?: string; stats: { updated: number; created?: number } }>;
  update(opts: { data: Data }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Aggregate {
  match(q: Data): Aggregate;
  group(g: Data): Aggregate;
  project(p: Data): Aggregate;
  addFields(f: Data): Aggregate;
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
  elemMatch(cond: Record<string, unknown>): any;
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

/** Attempts of a transaction that keeps meeting write conflicts (the first run included). */
export const TRANSACTION_ATTEMPTS = 5;

export function getDb(): Database {
  if (!db) {
    // throwOnNotFound: false — doc(id).get() of a missing document answers `data: null` instead of
    // throwing a bare string without an error code (wx-server-sdk's default), so "not found" is
    // never recognised by message text.
    const raw = getCloud().database({ throwOnNotFound: false } as never) as unknown as Database;
    const sdkRun = raw.runTransaction.bind(raw);
    raw.runTransaction = async <T>(fn: (tx: Transaction) => Promise<T>, attempts = TRANSACTION_ATTEMPTS) => {
      let last: Transaction | undefined;
      const result = await retryOnConflict<T>(sdkRun as never, (tx) => ((last = tx), fn(tx)), attempts);
      await runAfterCommit(last);
      return result;
    };
    db = raw;
  }
  return db;
}

const AFTER_COMMIT = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * Work to do once this transaction has committed (the oversight rollups: 27 counter documents,
 * the province's among them, must not be part of every approval transaction). Registered by the
 * attempt that commits only: an attempt that conflicted and re-ran registered on its own `tx`.
 * A failing callback is logged, not thrown — the write it follows is done and a replay would not
 * repeat it; the nightly reconciliation repairs what the callback did not write.
 */
export function afterCommit(tx: Transaction, fn: () => Promise<void>): void {
  const list = AFTER_COMMIT.get(tx) ?? [];
  list.push(fn);
  AFTER_COMMIT.set(tx, list);
}

async function runAfterCommit(tx: Transaction | undefined): Promise<void> {
  const list = tx ? AFTER_COMMIT.get(tx) : undefined;
  if (!list) return;
  AFTER_COMMIT.delete(tx as Transaction);
  for (const fn of list) {
    try {
      await fn();
    } catch (e) {
      console.error('afterCommit failed (repaired by the nightly reconciliation)', (e as Error)?.message ?? e);
    }
  }
}

/**
 * The application-level transaction retry. A write–write conflict surfaces at the write (as in
 * MongoDB), inside the callback, where wx-server-sdk replaces the error's code (-501001) and its
 * own retry (which checks the code) gives up; so each attempt runs the SDK's runTransaction once
 * and the conflict is recognised here by its code token (dbErrors.isTransactionConflict).
 */
export async function retryOnConflict<T>(
  run: (fn: (tx: Transaction) => Promise<T>, times?: number) => Promise<T>,
  fn: (tx: Transaction) => Promise<T>,
  attempts = TRANSACTION_ATTEMPTS,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // times = 0: the SDK runs the callback once and retries nothing itself (@cloudbase/database
      // runTransaction retries only while times > 0, and only a conflict at commit).
      return await run(fn, 0);
    } catch (e) {
      if (attempt >= attempts || !isTransactionConflict(e)) throw e;
    }
  }
}

/** Reads one document by `_id`, or null (a missing collection is a real error). */
export async function getById<T>(collection: string, id: string): Promise<T | null> {
  const res = await getDb().collection(collection).doc(id).get();
  const d = Array.isArray(res.data) ? res.data[0] : res.data;
  return (d ?? null) as T | null;
}

export { C } from './collections';
