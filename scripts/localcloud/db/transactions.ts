import { randomBytes } from 'node:crypto';
import { idKey } from './documents';
import type { Doc } from './ejson';
import { DbError, DbErrorCode } from './errors';
import { docKey, type Store, type WriteOp } from './store';

/**
 * Optimistic transactions with MongoDB's write-conflict rule. A transaction buffers its writes
 * (full post-images) and remembers every document id it read or wrote. As in MongoDB, a
 * write–write conflict surfaces AT THE WRITE: writing a document that another open transaction has
 * already written, or that a commit changed after this transaction started, fails at once with
 * DATABASE_TRANSACTION_CONFLICT (MongoDB: WriteConflict, code 112) and aborts the transaction.
 * Commit still fails with the same code if a document it read or wrote changed meanwhile (a
 * non-transactional write). wx-server-sdk wraps an error thrown inside the callback and drops its
 * code (it becomes -501001 with the message kept), so its runTransaction does not retry a conflict
 * at a write; the message therefore carries the code tokens and the application retries by them
 * (cloudfunctions/common/db.ts, dbErrors.ts).
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
  /** Set by a write conflict: MongoDB aborts the transaction; only abort (or a failing commit) may follow. */
  doomed = false;

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

  /** True if a commit changed this document after the transaction started. */
  staleAt(store: Store, collection: string, id: string | number): boolean {
    return store.versionOfKey(docKey(collection, id)) > this.startSeq;
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

  /** The open transaction with this id; unknown or expired ids fail, and so does one a conflict aborted. */
  get(id: string): Transaction {
    const tx = this.lookup(id);
    if (tx.doomed) throw writeConflict(id);
    return tx;
  }

  private lookup(id: string): Transaction {
    const tx = this.open.get(id);
    if (!tx) throw new DbError(DbErrorCode.transactionFail, `transaction ${id} does not exist or has already ended`);
    if (this.nowMs() > tx.deadline) {
      this.open.delete(id);
      this.counters.expired++;
      throw new DbError(DbErrorCode.transactionFail, `transaction ${id} expired (open longer than ${this.timeoutMs / 1000} s)`);
    }
    return tx;
  }

  /**
   * Checks, before `tx` writes the document, MongoDB's write–write conflict rule: no other open
   * transaction wrote it and no commit changed it since `tx` started. On a conflict `tx` is aborted
   * (removed) and the error is thrown.
   */
  assertCanWrite(tx: Transaction, store: Store, collection: string, id: string | number): void {
    const key = docKey(collection, id);
    let conflict = tx.staleAt(store, collection, id);
    if (!conflict) {
      for (const other of this.open.values()) {
        if (other !== tx && other.writes.has(key)) {
          conflict = true;
          break;
        }
      }
    }
    if (!conflict) return;
    this.doom(tx);
    throw writeConflict(tx.id);
  }

  /** Marks the transaction aborted by a conflict: its buffered writes are dropped (they no longer block others). */
  private doom(tx: Transaction): void {
    if (tx.doomed) return;
    tx.doomed = true;
    tx.writes.clear();
    this.counters.conflicts++;
  }

  /** Removes the transaction so no further operation can join it (commit/abort). */
  take(id: string): Transaction {
    const tx = this.lookup(id);
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

/**
 * The conflict error. Its code is CloudBase's; its message starts with the Tencent Cloud error
 * code CloudBase reports ([ResourceUnavailable.TransactionConflict]) and names the code again,
 * so that it can still be classified after wx-server-sdk has replaced the code (see above).
 */
export function writeConflict(transactionId: string): DbError {
  return new DbError(
    DbErrorCode.transactionConflict,
    `[ResourceUnavailable.TransactionConflict] DATABASE_TRANSACTION_CONFLICT: WriteConflict (112): transaction ${transactionId} conflicts with a concurrent write; retry it`,
  );
}
