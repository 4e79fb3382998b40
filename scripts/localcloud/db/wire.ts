import { randomBytes } from 'node:crypto';
import type { LocalDatabase } from './database';
import { isPlainObject, parseEjsonParam, toEjsonText, type AnyObject } from './ejson';
import { DbError, DbErrorCode, invalidParam } from './errors';
import { toSortSpec } from './reads';

/**
 * CloudBase's database wire protocol: one JSON POST per call with `action: "database.<name>"`;
 * queries, updates, orders and projections arrive as canonical EJSON strings. Replies have the
 * shapes @cloudbase/database reads (`data.list` of EJSON strings, `data.insertedIds`,
 * `data.updated` / `data.upsert_id`, `data.total`, top-level `transactionId`); failures are
 * `{ code, message }` with HTTP 200, which the SDK turns into errors.
 */

export type WireReply = Record<string, unknown> & { requestId: string };

type Handler = (db: LocalDatabase, p: AnyObject) => Promise<AnyObject> | AnyObject;

const QUERY_TYPE_DOC = 'DOC';

function str(p: AnyObject, name: string): string {
  const v = p[name];
  if (typeof v !== 'string' || v === '') throw invalidParam(`${name} is required`);
  return v;
}

function optStr(p: AnyObject, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function optNum(p: AnyObject, name: string): number | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw invalidParam(`${name} must be a number`);
  return n;
}

function optBool(p: AnyObject, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined || v === null) return undefined;
  return v === true || v === 'true';
}

function objectParam(p: AnyObject, name: string, fallback?: AnyObject): AnyObject {
  const raw = p[name];
  if ((raw === undefined || raw === null || raw === '') && fallback) return fallback;
  const value = parseEjsonParam(raw, name);
  if (!isPlainObject(value)) throw invalidParam(`${name} must be an object`);
  return value;
}

function optObjectParam(p: AnyObject, name: string): AnyObject | undefined {
  const raw = p[name];
  return raw === undefined || raw === null || raw === '' ? undefined : objectParam(p, name);
}

function query(p: AnyObject): AnyObject {
  return objectParam(p, 'query', {});
}

/** DOC queries address one document (`doc(id)`), WHERE queries default to many. */
function isDocQuery(p: AnyObject): boolean {
  return p.queryType === QUERY_TYPE_DOC;
}

const handlers: Record<string, Handler> = {
  async insertDocument(db, p) {
    const raw = p.data;
    const items = Array.isArray(raw) ? raw : [raw];
    const docs = items.map((item) => parseEjsonParam(item, 'data'));
    const insertedIds = await db.insert(str(p, 'collectionName'), docs, optStr(p, 'transactionId'));
    return { data: { insertedIds } };
  },

  getDocument(db, p) {
    const docs = db.find(str(p, 'collectionName'), {
      query: query(p),
      order: toSortSpec(p.order === undefined || p.order === null || p.order === '' ? undefined : parseEjsonParam(p.order, 'order')),
      offset: optNum(p, 'offset'),
      limit: isDocQuery(p) ? 1 : optNum(p, 'limit'),
      projection: optObjectParam(p, 'projection'),
      transactionId: optStr(p, 'transactionId'),
    });
    return { data: { list: docs.map(toEjsonText), offset: optNum(p, 'offset') ?? 0, limit: isDocQuery(p) ? 1 : optNum(p, 'limit') ?? 100 } };
  },

  calculateDocument(db, p) {
    return { data: { total: db.count(str(p, 'collectionName'), query(p)) } };
  },

  async modifyDocument(db, p) {
    const res = await db.modify(str(p, 'collectionName'), query(p), objectParam(p, 'data'), {
      multi: isDocQuery(p) ? false : (optBool(p, 'multi') ?? false),
      merge: optBool(p, 'merge') ?? true,
      upsert: optBool(p, 'upsert') ?? false,
      transactionId: optStr(p, 'transactionId'),
    });
    return { data: res.upsertId === undefined ? { updated: res.updated } : { updated: res.updated, upsert_id: res.upsertId } };
  },

  async modifyAndReturnDoc(db, p) {
    const res = await db.modifyAndReturn(str(p, 'collectionName'), query(p), objectParam(p, 'data'), optStr(p, 'transactionId'));
    return { data: { updated: res.updated, doc: res.doc ? toEjsonText(res.doc) : null } };
  },

  async removeDocument(db, p) {
    const deleted = await db.remove(str(p, 'collectionName'), query(p), {
      multi: isDocQuery(p) ? false : (optBool(p, 'multi') ?? true),
      transactionId: optStr(p, 'transactionId'),
    });
    return { data: { deleted } };
  },

  aggregateDocuments(db, p) {
    const stages = p.stages;
    if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
    const pipeline = stages.map((s): AnyObject => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalidParam('each stage needs stageKey and stageValue');
      return { [s.stageKey]: parseEjsonParam(s.stageValue, `stage ${s.stageKey}`) };
    });
    const list = db.aggregate(str(p, 'collectionName'), pipeline);
    return { data: { list: list.map(toEjsonText) } };
  },

  async addCollection(db, p) {
    await db.addCollection(str(p, 'collectionName'));
    return {};
  },

  startTransaction(db) {
    return { transactionId: db.startTransaction() };
  },

  async commitTransaction(db, p) {
    await db.commitTransaction(str(p, 'transactionId'));
    return {};
  },

  abortTransaction(db, p) {
    db.abortTransaction(str(p, 'transactionId'));
    return {};
  },
};

// Names used by other SDK versions for the same operations.
handlers.deleteDocument = handlers.removeDocument;
handlers.aggregateDocument = handlers.aggregateDocuments;
handlers.updateDocument = handlers.modifyDocument;

export const SUPPORTED_ACTIONS = Object.keys(handlers).map((name) => `database.${name}`);

const newRequestId = (): string => randomBytes(8).toString('hex');

/**
 * Non-database actions the same endpoint answers (the SDK sends e.g. `storage.batchGetDownloadUrl`
 * to the URL it uses for the database); the local cloud plugs its file storage in here.
 */
export type ExtraActions = Record<string, (params: AnyObject) => Promise<AnyObject> | AnyObject>;

/** Parses a request body, runs the action and builds the reply (never throws for client errors). */
/** `body`: the request's JSON text, or the object it was already parsed into (by the signature check). */
export async function handleWireRequest(db: LocalDatabase, body: string | Record<string, unknown>, extraActions?: ExtraActions): Promise<WireReply> {
  const requestId = newRequestId();
  try {
    let params: unknown = body;
    if (typeof body === 'string') {
      try {
        params = JSON.parse(body);
      } catch {
        throw invalidParam('request body is not JSON');
      }
    }
    if (!isPlainObject(params)) throw invalidParam('request body must be a JSON object');
    const action = typeof params.action === 'string' ? params.action : '';
    db.countAction(action || '(none)');
    if (extraActions && Object.prototype.hasOwnProperty.call(extraActions, action)) return { requestId, ...(await extraActions[action](params)) };
    const name = action.startsWith('database.') ? action.slice('database.'.length) : '';
    const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw new DbError(DbErrorCode.invalidAction, `action "${action}" is not supported by the local database`);
    const reply = await handler(db, params);
    return { requestId, ...reply };
  } catch (e) {
    if (e instanceof DbError) return { requestId, code: e.code, message: e.message };
    console.error('[localdb] internal error:', e);
    return { requestId, code: DbErrorCode.requestFailed, message: `internal error: ${(e as Error).message}` };
  }
}

