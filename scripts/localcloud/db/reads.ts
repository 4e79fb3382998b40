import { Aggregator, Query, find as mingoFind } from 'mingo';
import type { Options as MingoOptions } from 'mingo/types';
import { cloneValue } from './documents';
import { isPlainObject, type AnyObject, type Doc } from './ejson';
import { DbError, invalidParam, requestFailed } from './errors';
import { planQuery, type Plan } from './planner';
import type { Collection } from './store';

/** Query evaluation over one collection: plan, filter with mingo, sort, page, project; and aggregation. */

/** Server-side JavaScript (`$where`, `$function`, `$accumulator`) is never evaluated. */
const BASE_OPTIONS: Partial<MingoOptions> = { scriptEnabled: false };

/** mingo throws plain errors for bad operators; the client should get a database error instead. */
export function withMingo<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw requestFailed((e as Error).message);
  }
}

export function compileQuery(query: AnyObject): Query {
  return withMingo(() => new Query(query, BASE_OPTIONS));
}

export interface MatchResult {
  matches: Doc[];
  plan: Plan;
  /** Documents the query had to evaluate. */
  examined: number;
}

export function matchDocs(coll: Collection, query: AnyObject): MatchResult {
  const plan = planQuery(coll, query);
  const q = compileQuery(query);
  const matches = withMingo(() => plan.candidates.filter((d) => q.test(d)));
  return { matches, plan, examined: plan.candidates.length };
}

export type SortSpec = Record<string, 1 | -1>;

export function toSortSpec(order: unknown): SortSpec | undefined {
  if (order === undefined || order === null) return undefined;
  // Older clients send [{ field, direction }]; the current one sends { field: 1 | -1 }.
  const entries: [string, unknown][] = Array.isArray(order)
    ? order.map((o) => (isPlainObject(o) ? [String(o.field), o.direction] : ['', undefined]))
    : isPlainObject(order)
      ? Object.entries(order)
      : [];
  const spec: SortSpec = {};
  for (const [field, dir] of entries) {
    if (!field) throw invalidParam('order: invalid field');
    if (dir === 1 || dir === 'asc') spec[field] = 1;
    else if (dir === -1 || dir === 'desc') spec[field] = -1;
    else throw invalidParam(`order: direction of "${field}" must be 1 or -1`);
  }
  return Object.keys(spec).length ? spec : undefined;
}

export function sortDocs(docs: Doc[], spec: SortSpec | undefined): Doc[] {
  if (!spec) return docs;
  return withMingo(() => mingoFind(docs, {}, undefined, BASE_OPTIONS).sort(spec).all() as Doc[]);
}

/**
 * Projection over copies: mingo removes an excluded nested field (`'materials.html': false`) from
 * the object it is given, which here would be the stored document itself.
 */
export function projectDocs(docs: Doc[], projection: AnyObject | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return withMingo(() => mingoFind(docs.map(cloneValue), {}, projection, BASE_OPTIONS).all() as Doc[]);
}

/** Pipeline stages that would write or that CloudBase's aggregate does not offer here. */
const FORBIDDEN_STAGES = new Set(['$out', '$merge', '$geoNear', '$collStats', '$indexStats', '$currentOp', '$listSessions']);

export interface AggregateResult {
  list: AnyObject[];
  plan: Plan;
  examined: number;
}

/** `$lookup` in its equality form (`from`, `localField`, `foreignField`, `as`), the one an index can serve. */
function equalityLookup(stage: AnyObject): { from: string; localField: string; foreignField: string } | null {
  const l = stage.$lookup;
  if (!isPlainObject(l) || 'pipeline' in l || 'let' in l) return null;
  const { from, localField, foreignField } = l;
  return typeof from === 'string' && typeof localField === 'string' && typeof foreignField === 'string' ? { from, localField, foreignField } : null;
}

/** The values at a dotted path (array elements flattened, as MongoDB's `$lookup` compares them); `missing` for absent or null. */
function valuesAt(doc: unknown, path: string[]): unknown[] | 'missing' {
  let cur: unknown[] = [doc];
  for (const key of path) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (Array.isArray(v)) for (const e of v) (isPlainObject(e) ? next.push(e[key]) : undefined);
      else if (isPlainObject(v)) next.push(v[key]);
    }
    cur = next;
  }
  const flat = cur.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
  return flat.length ? flat : 'missing';
}

/**
 * The foreign documents an equality `$lookup` over `input` can match, found through the foreign
 * collection's planner (an index on `foreignField`, as MongoDB would use) instead of copying the
 * whole collection: `foreignField $in` the local values, plus those where it is null / missing when
 * a local value is. Null when a local value is not a plain string or number (then everything is read).
 */
function lookupCandidates(foreign: Collection, input: Doc[], localField: string, foreignField: string): { docs: Doc[]; examined: number } | null {
  const values = new Set<string | number>();
  let anyMissing = false;
  const path = localField.split('.');
  for (const d of input) {
    const v = valuesAt(d, path);
    if (v === 'missing') {
      anyMissing = true;
      continue;
    }
    for (const x of v) {
      if (typeof x !== 'string' && typeof x !== 'number') return null;
      values.add(x);
    }
  }
  const found = new Map<unknown, Doc>();
  let examined = 0;
  const add = (query: AnyObject) => {
    const m = matchDocs(foreign, query);
    examined += m.examined;
    for (const d of m.matches) found.set(d._id, d);
  };
  if (values.size) add({ [foreignField]: { $in: [...values] } });
  if (anyMissing) add({ [foreignField]: null });
  // Natural order, as a scan would have met them (the planner answers each query in that order; two need merging).
  const docs = values.size && anyMissing ? [...foreign.docs.values()].filter((d) => found.has(d._id)) : [...found.values()];
  return { docs, examined };
}

/**
 * Runs a pipeline. A leading `$match` goes through the planner (so it can use an index). mingo
 * may modify documents in place while it computes, so it works on copies of the stored ones. An
 * equality `$lookup` reads copies of only the foreign documents it can match (through the foreign
 * collection's planner: an index on `foreignField` serves it); other forms read copies of the
 * whole foreign collection.
 */
export function aggregateDocs(
  coll: Collection,
  pipeline: AnyObject[],
  foreign: (name: string) => Collection | undefined,
): AggregateResult {
  for (const stage of pipeline) {
    const keys = Object.keys(stage);
    if (keys.length !== 1 || !keys[0].startsWith('$')) throw invalidParam('each aggregation stage must have exactly one $operator');
    if (FORBIDDEN_STAGES.has(keys[0])) throw invalidParam(`aggregation stage ${keys[0]} is not supported`);
  }
  let rest = pipeline;
  let input: Doc[];
  let plan: Plan;
  let examined: number;
  const first = pipeline[0];
  if (first && isPlainObject(first.$match)) {
    const m = matchDocs(coll, first.$match);
    input = m.matches;
    plan = m.plan;
    examined = m.examined;
    rest = pipeline.slice(1);
  } else {
    input = [...coll.docs.values()];
    plan = { strategy: 'scan', candidates: input };
    examined = input.length;
  }
  const allOf = (name: string): Doc[] => [...(foreign(name)?.docs.values() ?? [])];
  const run = (stages: AnyObject[], docs: AnyObject[], resolve: (name: string) => Doc[]): AnyObject[] => {
    if (!stages.length) return docs;
    const resolved = new Map<string, Doc[]>();
    const collectionResolver = (name: string): Doc[] => {
      let found = resolved.get(name);
      if (!found) resolved.set(name, (found = resolve(name).map(cloneValue)));
      return found;
    };
    return withMingo(() => new Aggregator(stages, { ...BASE_OPTIONS, collectionResolver }).run(docs) as AnyObject[]);
  };
  // Segments between equality lookups run as they are; each such lookup runs on its candidates only.
  let list: AnyObject[] = input.map(cloneValue);
  let segment: AnyObject[] = [];
  for (const stage of rest) {
    const eq = equalityLookup(stage);
    const other = eq ? foreign(eq.from) : undefined;
    if (!eq || !other) {
      segment.push(stage);
      continue;
    }
    list = run(segment, list, allOf);
    segment = [];
    const c = lookupCandidates(other, list as Doc[], eq.localField, eq.foreignField);
    if (c) examined += c.examined;
    list = run([stage], list, (name) => (name === eq.from && c ? c.docs : allOf(name)));
  }
  list = run(segment, list, allOf);
  return { list, plan: { ...plan, candidates: [] }, examined };
}
