import { update as mingoUpdate } from 'mingo';
import { isEqual } from 'mingo/util';
import { cloneValue, generateId, scalarKey } from './documents';
import { isPlainObject, type AnyObject, type Doc } from './ejson';
import { invalidParam } from './errors';
import { withMingo } from './reads';
import { assertUpdateFits } from './updateTypes';

/**
 * How a write turns a document into its post-image: MongoDB update operators (via mingo),
 * CloudBase's `merge` (update) versus replace (set), and the document an upsert creates.
 * Pure functions: the stored document is never modified in place.
 */

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate', '$setOnInsert',
  '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$bit',
]);

/** True if the update is a document of `$operators`; a mix of operators and fields is rejected. */
export function isOperatorUpdate(data: AnyObject): boolean {
  const keys = Object.keys(data);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length < keys.length) throw invalidParam('update mixes $operators and plain fields');
  for (const op of ops) if (!UPDATE_OPERATORS.has(op)) throw invalidParam(`unknown update operator ${op}`);
  return ops.length > 0;
}

export const sameValue = (a: unknown, b: unknown): boolean => isEqual(a, b);

/**
 * Applies `data` to `old`. With operators: a MongoDB update. Without: `merge` sets the given
 * top-level fields (the SDK already turns doc().update's nested objects into dotted $set paths),
 * otherwise the document is replaced, keeping `_id`.
 */
export function applyWrite(old: Doc, data: AnyObject, merge: boolean, inserting = false): Doc {
  if (!isOperatorUpdate(data)) {
    if ('_id' in data && !sameValue(data._id, old._id)) throw invalidParam('_id cannot be changed');
    if (merge) return applyWrite(old, { $set: withoutId(data) }, true, inserting);
    return { _id: old._id, ...cloneValue(withoutId(data)) };
  }
  const { $setOnInsert, ...ops } = data;
  // MongoDB refuses an operator that does not fit the field's type; mingo would skip it silently.
  assertUpdateFits(old, ops);
  if (inserting && isPlainObject($setOnInsert)) assertUpdateFits(old, { $set: $setOnInsert });
  const doc = cloneValue(old);
  if (Object.keys(ops).length > 0) withMingo(() => mingoUpdate(doc, ops, undefined, undefined, { cloneMode: 'deep' }));
  if (inserting && isPlainObject($setOnInsert)) withMingo(() => mingoUpdate(doc, { $set: $setOnInsert }, undefined, undefined, { cloneMode: 'deep' }));
  if (!sameValue(doc._id, old._id)) throw invalidParam('_id cannot be changed');
  return doc;
}

function withoutId(data: AnyObject): AnyObject {
  const { _id: _ignored, ...rest } = data;
  return rest;
}

/** The equality value a query condition pins a field to, if any (MongoDB seeds upserts with these). */
function pinnedValue(cond: unknown): { value: unknown } | undefined {
  if (cond instanceof RegExp) return undefined;
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.some((k) => k.startsWith('$'))) return '$eq' in cond ? { value: cond.$eq } : undefined;
  }
  return { value: cond };
}

function setPath(target: AnyObject, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur = target;
  for (const seg of segs.slice(0, -1)) {
    if (!isPlainObject(cur[seg])) cur[seg] = {};
    cur = cur[seg] as AnyObject;
  }
  cur[segs[segs.length - 1]] = value;
}

function collectPinned(query: AnyObject, into: AnyObject): void {
  for (const [field, cond] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) if (isPlainObject(sub)) collectPinned(sub, into);
    } else if (!field.startsWith('$')) {
      const pinned = pinnedValue(cond);
      if (pinned) setPath(into, field, cloneValue(pinned.value));
    }
  }
}

/** The document an upsert starts from: the query's equality fields, `_id` first (given or generated). */
export function upsertBase(query: AnyObject): Doc {
  const fields: AnyObject = {};
  collectPinned(query, fields);
  const id = fields._id;
  delete fields._id;
  const validId = (typeof id === 'string' || typeof id === 'number') && scalarKey(id) !== undefined;
  return { _id: validId ? id : generateId(), ...fields };
}
