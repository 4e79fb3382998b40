import { randomBytes } from 'node:crypto';
import { Long } from 'bson';
import { isPlainObject, toEjsonText, type AnyObject, type Doc } from './ejson';
import { invalidParam } from './errors';

/** Helpers on stored documents: ids, keys for hashing, deep copies and validation. */

/** A fresh `_id` in CloudBase's shape: 32 lowercase hex characters. */
export function generateId(): string {
  return randomBytes(16).toString('hex');
}

/** `_id`s may be strings or numbers (`doc(1)`); the key keeps the type so "1" and 1 differ. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${id}`;
  if (id === undefined || id === null) throw invalidParam('_id must not be null');
  return `o:${toEjsonText({ v: id })}`;
}

/**
 * Hash key of a scalar for index lookups, or undefined when the value is not a hashable scalar
 * (objects, arrays, regexes, null). Numbers of every width compare equal in MongoDB, so they share
 * a key space.
 */
export function scalarKey(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return `s:${v}`;
    case 'number':
      return `n:${Object.is(v, -0) ? 0 : v}`;
    case 'boolean':
      return `b:${v}`;
    default:
      if (v instanceof Date) return `d:${v.getTime()}`;
      if (v instanceof Long) return `n:${v.toString()}`;
      return undefined;
  }
}

/**
 * Every value a dotted path reaches, traversing arrays the way MongoDB does (`a.b` over an array
 * of objects yields each element's `b`); array leaves contribute their elements (multikey).
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out;
}

function collect(value: unknown, segs: string[], i: number, out: unknown[]): void {
  if (i === segs.length) {
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    const seg = segs[i];
    if (/^\d+$/.test(seg) && Number(seg) < value.length) collect(value[Number(seg)], segs, i + 1, out);
    for (const el of value) if (isPlainObject(el)) collect(el, segs, i, out);
    return;
  }
  if (isPlainObject(value)) {
    collect(value[segs[i]], segs, i + 1, out);
    return;
  }
  out.push(undefined);
}

/** Deep copy of plain data; Dates and RegExps are copied, other class instances (bson types) shared as immutable. */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (isPlainObject(value)) {
    const out: AnyObject = {};
    for (const key of Object.keys(value)) out[key] = cloneValue(value[key]);
    return out as T;
  }
  return value;
}

/**
 * What may be stored: field names neither start with `$` nor contain `.` (CloudBase and MongoDB
 * reserve both), and no prototype keys. Checked on every post-image, so inserts, replacements and
 * operator updates are all covered.
 */
export function assertStorableDocument(doc: Doc): void {
  if (!('_id' in doc) || doc._id === null || doc._id === undefined) throw invalidParam('document has no _id');
  if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw invalidParam('_id must be a string or a number');
  checkFieldNames(doc, '');
}

function checkFieldNames(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkFieldNames(v, `${path}.${i}`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const where = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) throw invalidParam(`field name "${where}" must not start with "$"`);
    if (key.includes('.')) throw invalidParam(`field name "${where}" must not contain "."`);
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw invalidParam(`field name "${where}" is not allowed`);
    checkFieldNames(value[key], where);
  }
}
