/**
 * Classifies database errors by CODE, never by their prose. wx-server-sdk surfaces a database
 * failure as an Error with a numeric `errCode` (e.g. -502005) and an `errMsg` that carries the
 * service's error code token (e.g. `DATABASE_COLLECTION_ALREADY_EXIST`, `DATABASE_TRANSACTION_CONFLICT`)
 * or, for MongoDB failures passed through, MongoDB's code (`E11000`). Some codes reach us only as
 * that token: wx-server-sdk maps codes it does not know to the generic -501001. So the stable thing
 * to compare is the numeric errCode where one exists, else the code token — and never a sentence.
 * Sources: docs/cloudbase-emulation.md.
 */

/** CloudBase / wx-server-sdk numeric error codes we rely on. */
export const DB_ERR_CODE = {
  collectionNotExist: -502005,
} as const;

/** CloudBase database service error code tokens. */
export const DB_ERR_TOKEN = {
  collectionNotExist: 'DATABASE_COLLECTION_NOT_EXIST',
  collectionAlreadyExist: 'DATABASE_COLLECTION_ALREADY_EXIST',
  transactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  /** MongoDB's duplicate key error code (11000), as CloudBase passes it through. */
  duplicateKey: 'E11000',
} as const;

/** Tencent Cloud error codes CloudBase puts in brackets at the start of a message. */
export const TC_ERR_TOKEN = {
  transactionConflict: 'ResourceUnavailable.TransactionConflict',
  resourceExist: 'ResourceUnavailable.ResourceExist',
  /** MongoDB's code name for a write conflict (code 112). */
  writeConflict: 'WriteConflict',
} as const;

interface ErrorLike {
  errCode?: unknown;
  code?: unknown;
  errMsg?: unknown;
  message?: unknown;
}

function parts(e: unknown): { num?: number; tokens: Set<string> } {
  const o = (typeof e === 'object' && e !== null ? e : {}) as ErrorLike;
  const num = typeof o.errCode === 'number' ? o.errCode : typeof o.code === 'number' ? o.code : undefined;
  const tokens = new Set<string>();
  if (typeof o.code === 'string') tokens.add(o.code);
  if (typeof o.errCode === 'string') tokens.add(o.errCode);
  for (const text of [o.errMsg, o.message, typeof e === 'string' ? e : undefined]) {
    if (typeof text !== 'string') continue;
    // Code tokens only: UPPER_SNAKE service codes and MongoDB's E<digits>.
    for (const m of text.matchAll(/\b(DATABASE_[A-Z_]+|E\d{5}|WriteConflict)\b/g)) tokens.add(m[1]);
    // Tencent Cloud error codes, e.g. [ResourceUnavailable.TransactionConflict].
    for (const m of text.matchAll(/\[([A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*)*)\]/g)) tokens.add(m[1]);
    const n = /(?:^|\s|:fail\s*)(-50\d{4})\b/.exec(text);
    if (n && num === undefined) tokens.add(n[1]);
  }
  return { num, tokens };
}

const hasCode = (e: unknown, token: string | string[], num?: number): boolean => {
  const p = parts(e);
  const wanted = Array.isArray(token) ? token : [token];
  return wanted.some((t) => p.tokens.has(t)) || (num !== undefined && (p.num === num || p.tokens.has(String(num))));
};

export const isCollectionNotExist = (e: unknown): boolean => hasCode(e, DB_ERR_TOKEN.collectionNotExist, DB_ERR_CODE.collectionNotExist);
export const isCollectionAlreadyExists = (e: unknown): boolean => hasCode(e, [DB_ERR_TOKEN.collectionAlreadyExist, TC_ERR_TOKEN.resourceExist]);
export const isTransactionConflict = (e: unknown): boolean =>
  hasCode(e, [DB_ERR_TOKEN.transactionConflict, TC_ERR_TOKEN.transactionConflict, TC_ERR_TOKEN.writeConflict]);
export const isDuplicateKey = (e: unknown): boolean => hasCode(e, DB_ERR_TOKEN.duplicateKey);
