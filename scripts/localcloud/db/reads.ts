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

export function projectDocs(docs: Doc[], projection: AnyObject | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return withMingo(() => mingoFind(docs, {}, projection, BASE_OPTIONS).all() as Doc[]);
}

/** Pipeline stages that would write or that CloudBase's aggregate does not offer here. */
const FORBIDDEN_STAGES = new Set(['$out', '$merge', '$geoNear', '$collStats', '$indexStats', '$currentOp', '$listSessions']);

export interface AggregateResult {
  list: AnyObject[];
  plan: Plan;
  examined: number;
}

/**
 * Runs a pipeline. A leading `$match` goes through the planner (so it can use an index). mingo
 * may modify documents in place while it computes, so it works on copies of the stored ones, and
 * `$lookup` reads copies of the foreign collection.
 */
export function aggregateDocs(
  coll: Collection,
  pipeline: AnyObject[],
  foreign: (name: string) => Doc[] | undefined,
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
  const resolved = new Map<string, Doc[]>();
  const collectionResolver = (name: string): Doc[] => {
    let docs = resolved.get(name);
    if (!docs) resolved.set(name, (docs = (foreign(name) ?? []).map(cloneValue)));
    return docs;
  };
  const list = withMingo(() => new Aggregator(rest, { ...BASE_OPTIONS, collectionResolver }).run(input.map(cloneValue)) as AnyObject[]);
  return { list, plan: { ...plan, candidates: [] }, examined };
}
