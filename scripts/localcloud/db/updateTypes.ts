import { isPlainObject, type AnyObject, type Doc } from './ejson';
import { mongoError } from './errors';

/**
 * MongoDB refuses an update operator that does not fit the field it targets; mingo silently skips
 * it. CloudBase runs on MongoDB, so the local database checks first and answers MongoDB's error
 * (code + message, as `DATABASE_REQUEST_FAILED`, the way CloudBase passes a MongoDB failure on):
 * - a path that goes through a scalar (`a.b` when `a` is 1 or null): 28 PathNotViable;
 * - `$inc` / `$mul` on a non-number, or with a non-numeric argument: 14 TypeMismatch;
 * - `$push` / `$addToSet` / `$pull` / `$pullAll` onto a non-array: 2 BadValue; `$pop`: 14 TypeMismatch.
 * Messages follow MongoDB 4.x/5.x wording.
 */

/** MongoDB's BSON type name of a stored value. */
export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'int' : 'double';
    case 'bigint':
      return 'long';
    default:
      return 'object';
  }
}

const render = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v instanceof Date ? `new Date(${v.getTime()})` : JSON.stringify(v) ?? String(v));
const idOf = (doc: Doc): string => `{_id: ${render(doc._id)}}`;

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);
/** Operators whose path may not pass through a scalar ($unset through a scalar is a no-op in MongoDB). */
const PATH_OPS = new Set(['$set', '$setOnInsert', '$inc', '$mul', '$min', '$max', '$currentDate', '$push', '$addToSet', '$pull', '$pullAll', '$pop', '$rename', '$bit']);

/** The value at `path` in `doc` (undefined if absent), or a PathNotViable error. */
function resolvePath(doc: Doc, path: string): { value: unknown } {
  const segs = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (seg.includes('$')) return { value: undefined }; // positional operators: not checked
    if (cur === undefined) return { value: undefined };
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) {
        throw mongoError(28, 'PathNotViable', `Cannot create field '${seg}' in element {${segs[i - 1]}: ${render(cur)}}`);
      }
      cur = cur[Number(seg)];
      continue;
    }
    if (isPlainObject(cur)) {
      cur = (cur as AnyObject)[seg];
      continue;
    }
    // A scalar (or null) in the middle of the path.
    throw mongoError(28, 'PathNotViable', `Cannot create field '${seg}' in element {${segs[i - 1]}: ${render(cur)}}`);
  }
  return { value: cur };
}

/** Throws MongoDB's error if an operator of `update` does not fit `doc`. */
export function assertUpdateFits(doc: Doc, update: AnyObject): void {
  for (const [op, spec] of Object.entries(update)) {
    if (!isPlainObject(spec)) continue;
    for (const [path, arg] of Object.entries(spec)) {
      if (!PATH_OPS.has(op)) continue;
      const { value } = resolvePath(doc, path);
      if (op === '$rename' && typeof arg === 'string') resolvePath(doc, arg);
      const field = path.split('.').pop() as string;
      if (NUMERIC_OPS.has(op)) {
        if (typeof arg !== 'number') {
          const verb = op === '$inc' ? 'increment' : 'multiply';
          throw mongoError(14, 'TypeMismatch', `Cannot ${verb} with non-numeric argument: {${path}: ${render(arg)}}`);
        }
        if (value !== undefined && typeof value !== 'number') {
          throw mongoError(14, 'TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. ${idOf(doc)} has the field '${field}' of non-numeric type ${bsonTypeName(value)}`);
        }
      }
      if (ARRAY_OPS.has(op) && value !== undefined && !Array.isArray(value)) {
        if (op === '$push') throw mongoError(2, 'BadValue', `The field '${path}' must be an array but is of type ${bsonTypeName(value)} in document ${idOf(doc)}`);
        if (op === '$addToSet') throw mongoError(2, 'BadValue', `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ${bsonTypeName(value)}`);
        if (op === '$pop') throw mongoError(14, 'TypeMismatch', `Path '${path}' contains an element of non-array type '${bsonTypeName(value)}'`);
        throw mongoError(2, 'BadValue', `Cannot apply ${op} to a non-array value`);
      }
    }
  }
}
