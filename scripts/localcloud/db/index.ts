/** The local database server: an emulator of CloudBase's database HTTP wire protocol. */
export { LocalDatabase, DEFAULT_LIMIT, MAX_LIMIT, AGGREGATE_DEFAULT_LIMIT } from './database';
export type { DbStats, DocId, FindParams, LocalDatabaseOptions, ModifyParams, QueryExplain } from './database';
export { createDbHandler, startDbServer, pointSdkAt, MAX_BODY_BYTES } from './server';
export type { DbServer } from './server';
export { verifySignedRequest } from './auth';
export type { DbCredentials } from './auth';
export { DbError, DbErrorCode } from './errors';
export type { IndexSpec } from './hashIndex';
export { SUPPORTED_ACTIONS } from './wire';
export type { ExtraActions } from './wire';
