/**
 * Error codes the local database replies with. They are the codes CloudBase's database service
 * uses, so wx-server-sdk maps them to the same `errCode`s (for example
 * DATABASE_COLLECTION_NOT_EXIST → -502005) and `runTransaction` retries on
 * DATABASE_TRANSACTION_CONFLICT exactly as it does in the cloud.
 */
export const DbErrorCode = {
  invalidParam: 'INVALID_PARAM',
  invalidAction: 'INVALID_ACTION',
  requestFailed: 'DATABASE_REQUEST_FAILED',
  collectionNotExist: 'DATABASE_COLLECTION_NOT_EXIST',
  collectionAlreadyExist: 'DATABASE_COLLECTION_ALREADY_EXIST',
  transactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  transactionFail: 'DATABASE_TRANSACTION_FAIL',
  responseTooLarge: 'DATABASE_RESPONSE_TOO_LARGE',
  /** The request's TC3 signature is missing, expired or wrong (CloudBase's code for a bad signature). */
  signatureInvalid: 'SIGN_PARAM_INVALID',
} as const;

export type DbErrorCode = (typeof DbErrorCode)[keyof typeof DbErrorCode];

/** An error that travels back to the client as `{ code, message }`. */
export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export const invalidParam = (message: string): DbError => new DbError(DbErrorCode.invalidParam, message);
export const requestFailed = (message: string): DbError => new DbError(DbErrorCode.requestFailed, message);
export const collectionNotExist = (name: string): DbError =>
  new DbError(DbErrorCode.collectionNotExist, `[ResourceNotFound] Db or Table not exist: ${name} (DATABASE_COLLECTION_NOT_EXIST)`);

/**
 * A MongoDB server error passed on as CloudBase does: `DATABASE_REQUEST_FAILED` whose message
 * starts with MongoDB's numeric code and code name, e.g. `[14 TypeMismatch] Cannot apply $inc …`.
 */
export const mongoError = (code: number, codeName: string, message: string): DbError =>
  requestFailed(`[${code} ${codeName}] ${message}`);
