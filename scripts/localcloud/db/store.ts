import { idKey } from './documents';
import type { Doc } from './ejson';
import { HashIndex, type IndexSpec } from './hashIndex';

/**
 * The committed state in memory: collections of documents plus their hash indexes, and for
 * optimistic transactions the sequence number of the last committed change to each document id.
 * It changes only through `apply`, with the same ops the journal records, so replaying the journal
 * rebuilds exactly this state.
 */

/** A journal/commit operation. `put` carries the full post-image, which makes replay idempotent. */
export type WriteOp =
  | { t: 'coll'; c: string }
  | { t: 'put'; c: string; d: Doc }
  | { t: 'del'; c: string; id: string | number };

export class Collection {
  /** idKey → document; Map order is insertion ("natural") order. */
  readonly docs = new Map<string, Doc>();
  /** idKey → insertion ordinal, to return index candidates in natural order. */
  readonly ordinals = new Map<string, number>();
  readonly indexes: HashIndex[] = [];
  private nextOrdinal = 0;

  constructor(readonly name: string) {}

  put(key: string, doc: Doc): void {
    const old = this.docs.get(key);
    if (old) for (const ix of this.indexes) ix.remove(key, old);
    else this.ordinals.set(key, this.nextOrdinal++);
    this.docs.set(key, doc);
    for (const ix of this.indexes) ix.add(key, doc);
  }

  delete(key: string): void {
    const old = this.docs.get(key);
    if (!old) return;
    for (const ix of this.indexes) ix.remove(key, old);
    this.docs.delete(key);
    this.ordinals.delete(key);
  }

  addIndex(spec: IndexSpec): void {
    if (this.indexes.some((ix) => ix.name === spec.name)) return;
    const ix = new HashIndex(spec);
    for (const [key, doc] of this.docs) ix.add(key, doc);
    this.indexes.push(ix);
  }
}

export const docKey = (collection: string, id: unknown): string => `${collection}\u0000${idKey(id)}`;

export class Store {
  readonly collections = new Map<string, Collection>();
  /** docKey → seq of the last committed write to that id (kept after deletes, for conflict checks). */
  private readonly versions = new Map<string, number>();
  private readonly indexSpecs: IndexSpec[] = [];
  /** Sequence number of the last applied commit. */
  seq = 0;

  constructor(indexSpecs: readonly IndexSpec[] = []) {
    this.addIndexes(indexSpecs);
  }

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  private ensure(name: string): Collection {
    let coll = this.collections.get(name);
    if (!coll) {
      coll = new Collection(name);
      for (const spec of this.indexSpecs) if (spec.collection === name) coll.addIndex(spec);
      this.collections.set(name, coll);
    }
    return coll;
  }

  addIndexes(specs: readonly IndexSpec[]): void {
    for (const spec of specs) {
      if (!this.indexSpecs.some((s) => s.collection === spec.collection && s.name === spec.name)) this.indexSpecs.push(spec);
      this.collections.get(spec.collection)?.addIndex(spec);
    }
  }

  /** Seq of the last committed change to a document id (0 = never changed since start). */
  version(collection: string, id: unknown): number {
    return this.versionOfKey(docKey(collection, id));
  }

  versionOfKey(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  /** Applies committed ops; seq 0 (loading a snapshot) records no versions. */
  apply(ops: readonly WriteOp[], seq: number): void {
    for (const op of ops) {
      const coll = this.ensure(op.c);
      if (op.t === 'put') {
        coll.put(idKey(op.d._id), op.d);
        if (seq > 0) this.versions.set(docKey(op.c, op.d._id), seq);
      } else if (op.t === 'del') {
        coll.delete(idKey(op.id));
        if (seq > 0) this.versions.set(docKey(op.c, op.id), seq);
      }
    }
    this.seq = Math.max(this.seq, seq);
  }
}
