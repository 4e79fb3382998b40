import { idKey, scalarKey } from './documents';
import { isPlainObject, type AnyObject, type Doc } from './ejson';
import type { Collection } from './store';

/**
 * Chooses the documents a query must examine. If the query's top-level AND has an equality or
 * `$in` on scalars for `_id` or for the first field of a declared index, the candidates come from
 * that lookup; otherwise every document is scanned. mingo then evaluates the full query over the
 * candidates, so the plan only has to return a superset of the matches.
 */

export type PlanStrategy = 'id' | 'index' | 'scan';

export interface Plan {
  strategy: PlanStrategy;
  /** Name of the index used (strategy "index"). */
  index?: string;
  /** Documents to evaluate, in natural order. */
  candidates: Doc[];
}

/** Scalar hash keys an equality/`$in` condition accepts, or undefined if it cannot use a hash lookup. */
function lookupKeys(cond: unknown): string[] | undefined {
  if (isPlainObject(cond)) {
    if ('$eq' in cond) {
      const k = scalarKey(cond.$eq);
      return k === undefined ? undefined : [k];
    }
    if (Array.isArray(cond.$in)) {
      const keys: string[] = [];
      for (const v of cond.$in) {
        const k = scalarKey(v);
        if (k === undefined) return undefined; // a regex or null inside $in needs a scan
        keys.push(k);
      }
      return keys;
    }
    return undefined; // other operators, or equality with an embedded document
  }
  const k = scalarKey(cond);
  return k === undefined ? undefined : [k];
}

/** field → alternative key lists from the conjunction at the top of the query (including nested $and). */
function conjunctionTerms(query: AnyObject, out = new Map<string, string[][]>()): Map<string, string[][]> {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) conjunctionTerms(sub, out);
    } else if (!field.startsWith('$')) {
      const keys = lookupKeys(cond);
      if (keys) out.set(field, [...(out.get(field) ?? []), keys]);
    }
  }
  return out;
}

export function planQuery(coll: Collection, query: AnyObject): Plan {
  const terms = conjunctionTerms(query);

  const idTerms = terms.get('_id');
  if (idTerms) {
    const keys = idTerms.reduce((a, b) => (b.length < a.length ? b : a));
    const candidates: Doc[] = [];
    for (const k of new Set(keys)) {
      const doc = coll.docs.get(k);
      if (doc) candidates.push(doc);
    }
    return { strategy: 'id', candidates: candidates.length > 1 ? inNaturalOrder(coll, candidates) : candidates };
  }

  let best: { name: string; keys: string[]; estimate: number } | undefined;
  for (const ix of coll.indexes) {
    for (const keys of terms.get(ix.field) ?? []) {
      const estimate = ix.estimate(keys);
      if (!best || estimate < best.estimate) best = { name: ix.name, keys, estimate };
    }
  }
  if (best) {
    const ix = coll.indexes.find((i) => i.name === best.name)!;
    const ids = [...ix.lookup(best.keys)];
    ids.sort((a, b) => (coll.ordinals.get(a) ?? 0) - (coll.ordinals.get(b) ?? 0));
    const candidates = ids.map((id) => coll.docs.get(id)).filter((d): d is Doc => d !== undefined);
    return { strategy: 'index', index: best.name, candidates };
  }

  return { strategy: 'scan', candidates: [...coll.docs.values()] };
}

function inNaturalOrder(coll: Collection, docs: Doc[]): Doc[] {
  const ord = (d: Doc) => coll.ordinals.get(idKey(d._id)) ?? 0;
  return docs.sort((a, b) => ord(a) - ord(b));
}
