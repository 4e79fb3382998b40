import { randomBytes } from 'node:crypto';
import { idKey } from './documents';
import type { Doc } from './ejson';
import { DbError, DbErrorCode } from './errors';
import { docKey, type Store, type WriteOp } from './store';

/**
 * Optimistic transactions. A transaction buffers its writes (full post-images) and remembers
 * every document id it read or wrote. Commit fails with DATABASE_TRANSACTION_CONFLICT if any of
 * those ids received a committed write after the transaction started; wx-server-sdk's
 * runTransaction then retries the whole callback. Conflicts are reported at commit only: an error
 * from an operation inside the callback reaches runTransaction through wx-server-sdk's wrappers,
 * which replace the error code, so it would not be retried.
 */

interface BufferedWrite {
  collection: string;
  id: string | number;
  /** Post-image, or null for a delete. */
  doc: Doc | null;
}

export class Transaction {
  readonly reads = new Set<string>();
  readonly writes = new Map<string, BufferedWrite>();

  constructor(
    readonly id: string,
    /** Store sequence number when the transaction started. */
    readonly startSeq: number,
    readonly deadline: number,
  ) {}

  /** The document as this transaction sees it: its own buffered write, else the committed one. */
  read(store: Store, collection: string, id: string | number): Doc | undefined {
    const key = docKey(collection, id);
    this.reads.add(key);
    const own = this.writes.get(key);
    if (own) return own.doc ?? undefined;
    return store.get(collection)?.docs.get(idKey(id));
  }

  write(collection: string, id: string | number, doc: Doc | null): void {
    this.writes.set(docKey(collection, id), { collection, id, doc });
  }

  /** True if a document this transaction touched was changed by a commit after it started. */
  conflictsWith(store: Store): boolean {
    for (const key of new Set([...this.reads, ...this.writes.keys()])) {
      if (store.versionOfKey(key) > this.startSeq) return true;
    }
    return false;
  }

  /** Collections this transaction writes to. */
  collections(): Set<string> {
    return new Set([...this.writes.values()].map((w) => w.collection));
  }

  ops(): WriteOp[] {
    return [...this.writes.values()].map((w): WriteOp =>
      w.doc ? { t: 'put', c: w.collection, d: w.doc } : { t: 'del', c: w.collection, id: w.id },
    );
  }
}

export interface TransactionCounters {
  started: number;
  committed: number;
  aborted: number;
  conflicts: number;
  expired: number;
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  readonly counters: TransactionCounters = { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0 };

  constructor(
    private readonly nowMs: () => number,
    /** CloudBase aborts transactions that stay open longer than 30 s. */
    private readonly timeoutMs: number,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  start(seq: number): Transaction {
    this.sweep();
    const tx = new Transaction(randomBytes(16).toString('hex'), seq, this.nowMs() + this.timeoutMs);
    this.open.set(tx.id, tx);
    this.counters.started++;
    return tx;
  }

  /** The open transaction with this id; unknown or expired ids fail. */
  get(id: string): Transaction {
    const tx = this.open.get(id);
    if (!tx) throw new DbError(DbErrorCode.transactionFail, `transaction ${id} does not exist or has already ended`);
    if (this.nowMs() > tx.deadline) {
      this.open.delete(id);
      this.counters.expired++;
      throw new DbError(DbErrorCode.transactionFail, `transaction ${id} expired (open longer than ${this.timeoutMs / 1000} s)`);
    }
    return tx;
  }

  /** Removes the transaction so no further operation can join it (commit/abort). */
  take(id: string): Transaction {
    const tx = this.get(id);
    this.open.delete(id);
    return tx;
  }

  /** Drops expired transactions (their buffered writes are simply discarded). */
  sweep(): void {
    const now = this.nowMs();
    for (const [id, tx] of this.open) {
      if (now > tx.deadline) {
        this.open.delete(id);
        this.counters.expired++;
      }
    }
  }
}
