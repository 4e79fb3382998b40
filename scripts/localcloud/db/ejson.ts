import { BSONRegExp, Double, EJSON, Int32, Long, type Document } from 'bson';
import { DbError, invalidParam } from './errors';

/**
 * Conversion between the wire/disk format (canonical Extended JSON, as the SDK sends it) and the
 * in-memory values mingo evaluates (plain JS numbers, Dates and RegExps).
 */

/** A stored document: a plain object with an `_id`. */
export type Doc = Record<string, unknown>;
export type AnyObject = Record<string, unknown>;

/** Keys that could reach Object.prototype through a careless assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(v: unknown): v is AnyObject {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Rejects `__proto__` / `constructor` / `prototype` keys anywhere (JSON.parse keeps them as own keys). */
export function assertNoForbiddenKeys(value: unknown, what: string): void {
  if (Array.isArray(value)) {
    for (const item of value) assertNoForbiddenKeys(item, what);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key) || key.split('.').some((part) => FORBIDDEN_KEYS.has(part))) {
        throw invalidParam(`${what}: the key "${key}" is not allowed`);
      }
      assertNoForbiddenKeys((value as AnyObject)[key], what);
    }
  }
}

/**
 * Turns bson wrapper types into JS values mingo understands. Int32/Double become numbers (a JS
 * client cannot tell them apart anyway); Longs become numbers only when exact, so 64-bit values
 * survive a round trip; BSON regular expressions become RegExps (without the stateful g/y flags).
 */
export function normalizeBson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof Long) {
    const n = value.toNumber();
    return Number.isSafeInteger(n) ? n : value;
  }
  if (value instanceof BSONRegExp) return toRegExp(value.pattern, value.options);
  if (Array.isArray(value)) return value.map(normalizeBson);
  if (isPlainObject(value)) {
    const out: AnyObject = {};
    for (const key of Object.keys(value)) out[key] = normalizeBson(value[key]);
    return out;
  }
  return value; // other bson types (ObjectId, Decimal128, Binary…) are kept as they are
}

function toRegExp(pattern: string, options: string): RegExp {
  const flags = [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  try {
    return new RegExp(pattern, flags);
  } catch {
    throw invalidParam(`invalid regular expression /${pattern}/${options}`);
  }
}

/** EJSON type keys other than the common ones decoded inline below; such objects go to bson. */
const OTHER_TYPE_KEYS = new Set([
  '$oid', '$binary', '$uuid', '$numberDecimal', '$timestamp', '$symbol', '$code', '$scope',
  '$minKey', '$maxKey', '$dbPointer', '$ref', '$undefined', '$regex',
]);

/**
 * Decodes canonical EJSON into the values mingo uses, in one walk that also rejects prototype
 * keys. The common wrappers (numbers, dates, regular expressions) are decoded inline, which is
 * several times faster than bson's generic deserializer when loading large snapshots; rarer
 * types are handed to bson.
 */
export function fromEjson(raw: unknown, what: string): unknown {
  try {
    return decode(raw, what);
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw invalidParam(`${what} is not valid Extended JSON: ${(e as Error).message}`);
  }
}

function decode(v: unknown, what: string): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => decode(x, what));
  const obj = v as AnyObject;
  const keys = Object.keys(obj);
  if (keys.length === 1 || keys.length === 2) {
    const k = keys[0];
    if (keys.length === 1) {
      const inner = obj[k];
      switch (k) {
        case '$numberInt':
        case '$numberDouble':
          if (typeof inner === 'string') return k === '$numberInt' ? Number.parseInt(inner, 10) : parseDouble(inner);
          break;
        case '$numberLong':
          if (typeof inner === 'string') return normalizeBson(Long.fromString(inner));
          break;
        case '$date':
          return decodeDate(inner);
        case '$regularExpression':
          if (isPlainObject(inner) && typeof inner.pattern === 'string') return toRegExp(inner.pattern, typeof inner.options === 'string' ? inner.options : '');
          break;
      }
    }
    if (keys.some((key) => OTHER_TYPE_KEYS.has(key))) return viaBson(obj, what);
  }
  const out: AnyObject = {};
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key) || (key.includes('.') && key.split('.').some((part) => FORBIDDEN_KEYS.has(part)))) {
      throw invalidParam(`${what}: the key "${key}" is not allowed`);
    }
    out[key] = decode(obj[key], what);
  }
  return out;
}

function parseDouble(s: string): number {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  const n = Number(s);
  if (Number.isNaN(n)) throw new Error(`bad $numberDouble ${s}`);
  return n;
}

function decodeDate(inner: unknown): Date {
  let ms: number;
  if (isPlainObject(inner) && typeof inner.$numberLong === 'string') ms = Number(inner.$numberLong);
  else if (typeof inner === 'string') ms = Date.parse(inner);
  else if (typeof inner === 'number') ms = inner;
  else throw new Error('bad $date');
  if (Number.isNaN(ms)) throw new Error('bad $date');
  return new Date(ms);
}

function viaBson(obj: AnyObject, what: string): unknown {
  assertNoForbiddenKeys(obj, what);
  return normalizeBson(EJSON.deserialize(obj as Document, { relaxed: false }));
}

/** Parses an EJSON text (the SDK sends queries, updates and documents as strings). */
export function parseEjson(text: string, what: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalidParam(`${what} is not valid JSON`);
  }
  return fromEjson(raw, what);
}

/** Accepts either an EJSON string (what the SDK sends) or an already-decoded object. */
export function parseEjsonParam(param: unknown, what: string): unknown {
  return typeof param === 'string' ? parseEjson(param, what) : fromEjson(param, what);
}

/** Canonical EJSON text, as CloudBase returns documents (`data.list` items). */
export function toEjsonText(value: unknown): string {
  return JSON.stringify(toEjsonObject(value));
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Canonical EJSON as a JSON-ready object (replies, journal and snapshot lines). Plain data is
 * encoded inline (a hot path: every document read or written); other bson types go to bson.
 */
export function toEjsonObject(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'number' ? encodeNumber(value) : value;
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } };
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags.split('').sort().join('') } };
  if (Array.isArray(value)) return value.map(toEjsonObject);
  if (isPlainObject(value)) {
    const out: AnyObject = {};
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v !== undefined) out[key] = toEjsonObject(v);
    }
    return out;
  }
  return (EJSON.serialize({ v: value } as Document, { relaxed: false }) as AnyObject).v;
}

function encodeNumber(n: number): AnyObject {
  if (Number.isInteger(n) && !Object.is(n, -0)) {
    if (n >= INT32_MIN && n <= INT32_MAX) return { $numberInt: String(n) };
    if (Number.isSafeInteger(n)) return { $numberLong: String(n) };
  }
  return { $numberDouble: Object.is(n, -0) ? '-0.0' : String(n) };
}

/** `db.serverDate({ offset })` arrives as `{ $tcb_server_date: { offset } }`; CloudBase stores server time + offset. */
export function resolveServerDates(value: unknown, now: Date): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now.getTime() + offset);
  }
  const out: AnyObject = {};
  for (const key of keys) out[key] = resolveServerDates(value[key], now);
  return out;
}
