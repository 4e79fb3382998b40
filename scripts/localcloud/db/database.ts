import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './dataDirLock';
import { assertStorableDocument, cloneValue, generateId, idKey } from './documents';
import { isPlainObject, resolveServerDates, type AnyObject, type Doc } from './ejson';
import { collectionNotExist, DbError, DbErrorCode, invalidParam, requestFailed } from './errors';
import type { IndexSpec } from './hashIndex';
import { Journal, readJournal } from './journal';
import type { PlanStrategy } from './planner';
import { aggregateDocs, matchDocs, projectDocs, sortDocs, type SortSpec } from './reads';
import { RequestCounter, type RequestCounts } from './requestCounter';
import { SerialQueue } from './serialQueue';
import { readSnapshot, writeSnapshot } from './snapshot';
import { Store, type Collection, type WriteOp } from './store';
import { TransactionManager, writeConflict, type Transaction, type TransactionCounters } from './transactions';
import { applyWrite, sameValue, upsertBase } from './writes';

/**
 * The local database engine: CloudBase's document database semantics over an in-memory store,
 * made durable by a journal and snapshots. Reads are synchronous; writes (including transaction
 * commits) run one at a time through a queue and are acknowledged only once journaled.
 */

export interface LocalDatabaseOptions {
  dataDir: string;
  /** Declared indexes (cloudfunctions/common/indexes.ts INDEXES, or any collection name in tests). */
  indexes?: readonly IndexSpec[];
  /** Clock for db.serverDate() and transaction expiry (tests inject one). */
  now?: () => Date;
  /**
   * Create a missing collection on its first insert or upsert. Default false, as in CloudBase:
   * every read or write of a collection that was not created (db.createCollection /
   * ensureSchema) fails with DATABASE_COLLECTION_NOT_EXIST. Only low-level tests turn it on.
   */
  autoCreateCollections?: boolean;
  /** Compact the journal into the snapshot once it grows beyond this many bytes (default 64 MiB). */
  compactAfterBytes?: number;
  /** CloudBase aborts transactions open longer than 30 s. */
  transactionTimeoutMs?: number;
}

/** CloudBase's paging limits for a server-side get(). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** What an aggregation without `.limit()` answers at most (see aggregate()). */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export interface FindParams {
  query: AnyObject;
  order?: SortSpec;
  offset?: number;
  limit?: number;
  projection?: AnyObject;
  transactionId?: string;
}

export interface ModifyParams {
  multi?: boolean;
  /** true: update (merge fields / operators); false: replace the document (set). */
  merge?: boolean;
  upsert?: boolean;
  transactionId?: string;
}

export interface QueryExplain {
  collection: string;
  strategy: PlanStrategy;
  index?: string;
  /** Documents evaluated against the query. */
  examined: number;
  /** Documents that matched. */
  matched: number;
}

export interface DbStats {
  requests: RequestCounts;
  queries: { count: number; docsExamined: number; docsMatched: number; byStrategy: Record<PlanStrategy, number> };
  lastQuery?: QueryExplain;
  transactions: TransactionCounters & { open: number };
  journal: { seq: number; records: number; bytes: number; compactions: number };
  collections: Record<string, number>;
}

export type DocId = string | number;

const FILES = { journal: 'journal.log', snapshot: 'snapshot.jsonl' } as const;

export class LocalDatabase {
  private readonly queue = new SerialQueue();
  private readonly requests = new RequestCounter();
  private readonly queryStats: DbStats['queries'] = { count: 0, docsExamined: 0, docsMatched: 0, byStrategy: { id: 0, index: 0, scan: 0 } };
  private lastQuery: QueryExplain | undefined;
  private compactions = 0;
  private compactionQueued = false;
  private closed = false;
  private readonly sweepTimer: NodeJS.Timeout;

  private constructor(
    private readonly dataDir: string,
    private readonly store: Store,
    private readonly journal: Journal,
    private readonly txs: TransactionManager,
    private readonly now: () => Date,
    private readonly autoCreate: boolean,
    private readonly compactAfterBytes: number,
    private readonly unlock: () => Promise<void>,
  ) {
    this.sweepTimer = setInterval(() => this.txs.sweep(), 5000);
    this.sweepTimer.unref();
  }

  /** Opens (or creates) the database in `dataDir`: loads the snapshot, then replays the journal. */
  static async open(opts: LocalDatabaseOptions): Promise<LocalDatabase> {
    const dir = path.resolve(opts.dataDir);
    await fsp.mkdir(dir, { recursive: true });
    const unlock = await lockDataDir(dir);
    try {
      const snapshotFile = path.join(dir, FILES.snapshot);
      await fsp.rm(`${snapshotFile}.tmp`, { force: true }); // an interrupted compaction
      const store = new Store(opts.indexes ?? []);
      const snapshotSeq = await readSnapshot(snapshotFile, store);
      const journalFile = path.join(dir, FILES.journal);
      const { records } = await readJournal(journalFile);
      // Records already in the snapshot (compaction crashed before emptying the journal) are skipped.
      for (const r of records) if (r.seq > snapshotSeq) store.apply(r.ops, r.seq);
      const journal = await Journal.open(journalFile, records.length);
      const now = opts.now ?? (() => new Date());
      const txs = new TransactionManager(() => now().getTime(), opts.transactionTimeoutMs ?? 30_000);
      const compactAfterBytes = opts.compactAfterBytes ?? 64 * 1024 * 1024;
      const db = new LocalDatabase(dir, store, journal, txs, now, opts.autoCreateCollections ?? false, compactAfterBytes, unlock);
      if (journal.size > compactAfterBytes) {
        // A long journal (several crashes in a row) is folded into the snapshot, so the next start is fast.
        await db.compact().catch(async (e: unknown) => {
          await db.close();
          throw e;
        });
      }
      return db;
    } catch (e) {
      await unlock();
      throw e;
    }
  }

  // ---------------------------------------------------------------- reads

  /** getDocument: where/doc get with order, offset, limit (default 100, at most 1000) and projection. */
  find(collection: string, p: FindParams): Doc[] {
    this.assertOpen();
    const query = this.resolve(p.query);
    if (p.transactionId) {
      const tx = this.txs.get(p.transactionId);
      const id = singleDocumentId(query);
      this.requireCollection(collection, tx);
      const doc = tx.read(this.store, collection, id);
      return projectDocs(doc ? [doc] : [], p.projection);
    }
    const coll = this.requireCollection(collection) as Collection;
    const { matches, plan, examined } = matchDocs(coll, query);
    this.recordQuery({ collection, strategy: plan.strategy, index: plan.index, examined, matched: matches.length });
    const offset = Math.max(0, Math.floor(p.offset ?? 0));
    const limit = clampLimit(p.limit);
    const page = sortDocs(matches, p.order).slice(offset, offset + limit);
    return projectDocs(page, p.projection);
  }

  /** calculateDocument: count(). */
  count(collection: string, query: AnyObject): number {
    this.assertOpen();
    const coll = this.requireCollection(collection) as Collection;
    const { matches, plan, examined } = matchDocs(coll, this.resolve(query));
    this.recordQuery({ collection, strategy: plan.strategy, index: plan.index, examined, matched: matches.length });
    return matches.length;
  }

  /** aggregateDocuments: a MongoDB pipeline; `$lookup` reads the other collections. */
  aggregate(collection: string, pipeline: AnyObject[]): AnyObject[] {
    this.assertOpen();
    const coll = this.requireCollection(collection) as Collection;
    const res = aggregateDocs(coll, this.resolve(pipeline), (name) => this.store.get(name));
    this.recordQuery({ collection, strategy: res.plan.strategy, index: res.plan.index, examined: res.examined, matched: res.list.length });
    // CloudBase (from a cloud function) answers at most 20 results to a pipeline without a
    // `$limit` stage (community reports; the docs are silent): code that needs more says `.limit(n)`.
    const limited = Array.isArray(pipeline) && pipeline.some((stage) => isPlainObject(stage) && '$limit' in stage);
    return limited ? res.list : res.list.slice(0, AGGREGATE_DEFAULT_LIMIT);
  }

  /** How a query would run: strategy, index and documents examined. Not counted in stats. */
  explain(collection: string, query: AnyObject): QueryExplain {
    const coll = this.requireCollection(collection) as Collection;
    const { matches, plan, examined } = matchDocs(coll, this.resolve(query));
    return { collection, strategy: plan.strategy, ...(plan.index ? { index: plan.index } : {}), examined, matched: matches.length };
  }

  collectionNames(): string[] {
    return [...this.store.collections.keys()];
  }

  // ---------------------------------------------------------------- writes

  /**
   * insertDocument: one or many documents; a missing `_id` gets 32 hex chars. An array is inserted
   * as MongoDB's ordered insertMany: on a duplicate `_id` the documents before it are written, the
   * failing one and the rest are not, and the call fails with the duplicate key error (E11000).
   */
  async insert(collection: string, docs: unknown[], transactionId?: string): Promise<DocId[]> {
    this.assertOpen();
    if (docs.length === 0) throw invalidParam('no documents to insert');
    const prepared = docs.map((d) => this.prepareNewDocument(d));
    const ids = prepared.map((d) => d._id as DocId);
    if (transactionId) {
      const tx = this.txs.get(transactionId);
      this.requireCollection(collection, tx, true);
      const seen = new Set<string>();
      for (const doc of prepared) {
        const key = idKey(doc._id);
        if (seen.has(key) || tx.read(this.store, collection, doc._id as DocId)) throw duplicateKey(collection, doc._id);
        seen.add(key);
      }
      for (const doc of prepared) this.txs.assertCanWrite(tx, this.store, collection, doc._id as DocId);
      for (const doc of prepared) tx.write(collection, doc._id as DocId, doc);
      return ids;
    }
    return this.queue.run(async () => {
      const ops: WriteOp[] = this.collectionOpsFor(collection, true);
      const coll = this.store.get(collection);
      const seen = new Set<string>();
      let failure: DbError | undefined;
      for (const doc of prepared) {
        const key = idKey(doc._id);
        if (seen.has(key) || coll?.docs.has(key)) {
          failure = duplicateKey(collection, doc._id);
          break;
        }
        seen.add(key);
        ops.push({ t: 'put', c: collection, d: doc });
      }
      await this.commit(ops);
      if (failure) throw failure;
      return ids;
    });
  }

  /** modifyDocument: update (merge) or set (replace), one or many, optionally upserting. */
  async modify(collection: string, query: AnyObject, data: AnyObject, p: ModifyParams = {}): Promise<{ updated: number; upsertId?: DocId }> {
    this.assertOpen();
    const q = this.resolve(query);
    const d = this.resolveData(data);
    const merge = p.merge ?? true;
    if (p.transactionId) {
      const tx = this.txs.get(p.transactionId);
      const id = singleDocumentId(q);
      this.requireCollection(collection, tx, p.upsert);
      const old = tx.read(this.store, collection, id);
      if (!old) {
        if (!p.upsert) return { updated: 0 };
        const doc = this.checked(applyWrite({ _id: id }, d, merge, true));
        this.txs.assertCanWrite(tx, this.store, collection, id);
        tx.write(collection, id, doc);
        return { updated: 0, upsertId: id };
      }
      const next = this.checked(applyWrite(old, d, merge));
      if (sameValue(old, next)) return { updated: 0 };
      this.txs.assertCanWrite(tx, this.store, collection, id);
      tx.write(collection, id, next);
      return { updated: 1 };
    }
    return this.queue.run(async () => {
      const ops = this.collectionOpsFor(collection, Boolean(p.upsert));
      const coll = this.store.get(collection);
      const matches = coll ? this.match(collection, coll, q) : [];
      const targets = p.multi ? matches : matches.slice(0, 1);
      let updated = 0;
      for (const old of targets) {
        const next = this.checked(applyWrite(old, d, merge));
        if (sameValue(old, next)) continue; // MongoDB counts modified documents, not matched ones
        ops.push({ t: 'put', c: collection, d: next });
        updated++;
      }
      let upsertId: DocId | undefined;
      if (targets.length === 0 && p.upsert) {
        const base = upsertBase(q);
        if (coll?.docs.has(idKey(base._id))) throw duplicateKey(collection, base._id);
        const doc = this.checked(applyWrite(base, d, merge, true));
        ops.push({ t: 'put', c: collection, d: doc });
        upsertId = doc._id as DocId;
      }
      await this.commit(ops);
      return upsertId === undefined ? { updated } : { updated, upsertId };
    });
  }

  /** modifyAndReturnDoc: updates the first match and returns its post-image (null if none matched). */
  async modifyAndReturn(collection: string, query: AnyObject, data: AnyObject, transactionId?: string): Promise<{ updated: number; doc: Doc | null }> {
    this.assertOpen();
    const q = this.resolve(query);
    const d = this.resolveData(data);
    if (transactionId) {
      const tx = this.txs.get(transactionId);
      const id = singleDocumentId(q);
      this.requireCollection(collection, tx);
      const old = tx.read(this.store, collection, id);
      if (!old) return { updated: 0, doc: null };
      const next = this.checked(applyWrite(old, d, true));
      if (sameValue(old, next)) return { updated: 0, doc: next };
      this.txs.assertCanWrite(tx, this.store, collection, id);
      tx.write(collection, id, next);
      return { updated: 1, doc: next };
    }
    return this.queue.run(async () => {
      const coll = this.requireCollection(collection) as Collection;
      const old = this.match(collection, coll, q)[0];
      if (!old) return { updated: 0, doc: null };
      const next = this.checked(applyWrite(old, d, true));
      if (sameValue(old, next)) return { updated: 0, doc: next };
      await this.commit([{ t: 'put', c: collection, d: next }]);
      return { updated: 1, doc: next };
    });
  }

  /** removeDocument: one (`multi: false`) or every matching document. */
  async remove(collection: string, query: AnyObject, p: { multi?: boolean; transactionId?: string } = {}): Promise<number> {
    this.assertOpen();
    const q = this.resolve(query);
    if (p.transactionId) {
      const tx = this.txs.get(p.transactionId);
      const id = singleDocumentId(q);
      this.requireCollection(collection, tx);
      if (!tx.read(this.store, collection, id)) return 0;
      this.txs.assertCanWrite(tx, this.store, collection, id);
      tx.write(collection, id, null);
      return 1;
    }
    return this.queue.run(async () => {
      const coll = this.requireCollection(collection) as Collection;
      const matches = this.match(collection, coll, q);
      const targets = p.multi === false ? matches.slice(0, 1) : matches;
      await this.commit(targets.map((doc): WriteOp => ({ t: 'del', c: collection, id: doc._id as DocId })));
      return targets.length;
    });
  }

  /** addCollection (db.createCollection): fails if it exists, as in CloudBase. */
  async addCollection(name: string): Promise<void> {
    this.assertOpen();
    if (!isValidCollectionName(name)) throw invalidParam(`invalid collection name "${name}"`);
    await this.queue.run(async () => {
      if (this.store.get(name)) throw new DbError(DbErrorCode.collectionAlreadyExist, `[ResourceUnavailable.ResourceExist] Table exist: ${name} (DATABASE_COLLECTION_ALREADY_EXIST)`);
      await this.commit([{ t: 'coll', c: name }]);
    });
  }

  // ---------------------------------------------------------------- transactions

  startTransaction(): string {
    this.assertOpen();
    return this.txs.start(this.store.seq).id;
  }

  /** Applies the transaction's writes atomically, or fails with DATABASE_TRANSACTION_CONFLICT. */
  async commitTransaction(transactionId: string): Promise<void> {
    this.assertOpen();
    const tx = this.txs.take(transactionId);
    if (tx.doomed) {
      this.txs.counters.aborted++;
      throw writeConflict(transactionId);
    }
    await this.queue.run(async () => {
      if (tx.conflictsWith(this.store)) {
        this.txs.counters.conflicts++;
        this.txs.counters.aborted++;
        throw writeConflict(transactionId);
      }
      const ops: WriteOp[] = [];
      for (const name of tx.collections()) ops.push(...this.collectionOpsFor(name, true));
      ops.push(...tx.ops());
      await this.commit(ops);
      this.txs.counters.committed++;
    });
  }

  /** Discards the transaction's buffered writes. */
  abortTransaction(transactionId: string): void {
    this.assertOpen();
    this.txs.take(transactionId);
    this.txs.counters.aborted++;
  }

  // ---------------------------------------------------------------- maintenance

  /** Writes a snapshot of everything and empties the journal. */
  async compact(): Promise<void> {
    this.assertOpen();
    await this.queue.run(() => this.compactNow());
  }

  private async compactNow(): Promise<void> {
    await writeSnapshot(path.join(this.dataDir, FILES.snapshot), this.store);
    // Crashing here is safe: the journal's records are in the snapshot and are skipped by seq on load.
    await this.journal.reset();
    this.compactions++;
  }

  /** Adds index declarations (built at once over existing documents). */
  addIndexes(specs: readonly IndexSpec[]): void {
    this.store.addIndexes(specs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.run(() => undefined); // let acknowledged writes finish
    this.closed = true;
    clearInterval(this.sweepTimer);
    await this.journal.close();
    await this.unlock();
  }

  /** Counts one round trip for an instance (called by the HTTP handler). */
  countRequest(instance: string, action?: string): void {
    this.requests.countRequest(instance);
    if (action) this.requests.countAction(action);
  }

  /** Counts the action of a request already counted by countRequest. */
  countAction(action: string): void {
    this.requests.countAction(action);
  }

  /** Returns the instance's request count and resets it. */
  takeCount(instance: string): number {
    return this.requests.take(instance);
  }

  stats(): DbStats {
    return {
      requests: this.requests.snapshot(),
      queries: { ...this.queryStats, byStrategy: { ...this.queryStats.byStrategy } },
      ...(this.lastQuery ? { lastQuery: { ...this.lastQuery } } : {}),
      transactions: { ...this.txs.counters, open: this.txs.openCount },
      journal: { seq: this.store.seq, records: this.journal.records, bytes: this.journal.size, compactions: this.compactions },
      collections: Object.fromEntries([...this.store.collections].map(([name, c]) => [name, c.docs.size])),
    };
  }

  // ---------------------------------------------------------------- internals

  private assertOpen(): void {
    if (this.closed) throw new Error('LocalDatabase is closed');
  }

  private resolve<T>(value: T): T {
    return resolveServerDates(value, this.now()) as T;
  }

  private resolveData(data: unknown): AnyObject {
    if (!isPlainObject(data)) throw invalidParam('data must be an object');
    return this.resolve(data);
  }

  private prepareNewDocument(raw: unknown): Doc {
    if (!isPlainObject(raw)) throw invalidParam('a document must be an object');
    const doc = this.resolve(cloneValue(raw));
    const withId: Doc = doc._id === undefined || doc._id === null ? { _id: generateId(), ...doc } : doc;
    return this.checked(withId);
  }

  private checked(doc: Doc): Doc {
    assertStorableDocument(doc);
    return doc;
  }

  /** The collection, or DATABASE_COLLECTION_NOT_EXIST. In a transaction, one it is creating counts. */
  private requireCollection(name: string, tx?: Transaction, creating = false): Collection | undefined {
    const coll = this.store.get(name);
    if (coll) return coll;
    if (tx && (tx.collections().has(name) || (creating && this.autoCreate))) return undefined;
    throw collectionNotExist(name);
  }

  /** Ops that create the collection first if needed (inserts and upserts), or the CloudBase error. */
  private collectionOpsFor(name: string, creating: boolean): WriteOp[] {
    if (this.store.get(name)) return [];
    if (!creating || !this.autoCreate) throw collectionNotExist(name);
    if (!isValidCollectionName(name)) throw invalidParam(`invalid collection name "${name}"`);
    return [{ t: 'coll', c: name }];
  }

  private match(collection: string, coll: Collection, query: AnyObject): Doc[] {
    const { matches, plan, examined } = matchDocs(coll, query);
    this.recordQuery({ collection, strategy: plan.strategy, index: plan.index, examined, matched: matches.length });
    return matches;
  }

  private recordQuery(q: QueryExplain): void {
    if (q.index === undefined) delete q.index;
    this.queryStats.count++;
    this.queryStats.docsExamined += q.examined;
    this.queryStats.docsMatched += q.matched;
    this.queryStats.byStrategy[q.strategy]++;
    this.lastQuery = q;
  }

  /** Journals the ops (durably), then applies them. Runs inside the write queue. */
  private async commit(ops: WriteOp[]): Promise<void> {
    if (ops.length === 0) return;
    const seq = this.store.seq + 1;
    await this.journal.append({ seq, ops });
    this.store.apply(ops, seq);
    if (this.journal.size > this.compactAfterBytes && !this.compactionQueued) {
      this.compactionQueued = true;
      void this.queue
        .run(() => this.compactNow())
        .catch((e: unknown) => console.error('[localdb] compaction failed:', e))
        .finally(() => {
          this.compactionQueued = false;
        });
    }
  }
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}

function duplicateKey(collection: string, id: unknown): DbError {
  return requestFailed(`E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
}

/** CloudBase transactions handle single documents addressed by `_id` only. */
function singleDocumentId(query: AnyObject): DocId {
  const keys = Object.keys(query);
  let id = keys.length === 1 && keys[0] === '_id' ? query._id : undefined;
  if (isPlainObject(id) && Object.keys(id).length === 1 && '$eq' in id) id = id.$eq;
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw requestFailed('a transaction supports single-document operations by _id only (doc().get/set/update/remove and add)');
  }
  return id;
}

function isValidCollectionName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(name);
}
