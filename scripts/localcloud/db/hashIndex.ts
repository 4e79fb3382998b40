import type { IndexDecl } from '../../../cloudfunctions/common/indexes';
import { scalarKey, valuesAtPath } from './documents';
import type { Doc } from './ejson';

/** An index declaration; like IndexDecl but any collection name (tests use their own). */
export type IndexSpec = Omit<IndexDecl, 'collection'> & { collection: string };

/**
 * A hash index on the first key field of a declared index: scalar value → ids of the documents
 * holding it. Documents with an array at the path are indexed under each element (multikey), as
 * MongoDB does. Only equality and `$in` on scalars use it, so null/missing values need no entry.
 */
export class HashIndex {
  readonly name: string;
  readonly field: string;
  private readonly entries = new Map<string, Set<string>>();

  constructor(readonly spec: IndexSpec) {
    const first = spec.keys[0];
    if (!first) throw new Error(`index ${spec.collection}.${spec.name} has no keys`);
    this.name = spec.name;
    this.field = first.field;
  }

  private keysOf(doc: Doc): Set<string> {
    const keys = new Set<string>();
    for (const v of valuesAtPath(doc, this.field)) {
      const k = scalarKey(v);
      if (k !== undefined) keys.add(k);
    }
    return keys;
  }

  add(id: string, doc: Doc): void {
    for (const k of this.keysOf(doc)) {
      let ids = this.entries.get(k);
      if (!ids) this.entries.set(k, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: string, doc: Doc): void {
    for (const k of this.keysOf(doc)) {
      const ids = this.entries.get(k);
      if (!ids) continue;
      ids.delete(id);
      if (ids.size === 0) this.entries.delete(k);
    }
  }

  /** Ids of documents holding any of the given scalar keys. */
  lookup(keys: readonly string[]): Set<string> {
    if (keys.length === 1) return this.entries.get(keys[0]) ?? new Set();
    const out = new Set<string>();
    for (const k of keys) for (const id of this.entries.get(k) ?? []) out.add(id);
    return out;
  }

  /** How many ids a lookup would return, to choose the most selective index. */
  estimate(keys: readonly string[]): number {
    let n = 0;
    for (const k of keys) n += this.entries.get(k)?.size ?? 0;
    return n;
  }
}
