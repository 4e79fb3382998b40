import { isCollectionAlreadyExists, isCollectionNotExist, isDuplicateKey, isTransactionConflict } from './dbErrors';

/** Error shapes as wx-server-sdk hands them over (from the cloud's reports and the local server). */
const sdkError = (errCode: number, errMsg: string) => Object.assign(new Error(`errCode: ${errCode} | errMsg: ${errMsg}`), { errCode, errMsg });

describe('database errors are classified by code, not by prose', () => {
  test('collection not exist: errCode -502005', () => {
    expect(isCollectionNotExist(sdkError(-502005, '[ResourceNotFound] Db or Table not exist. Please check your request'))).toBe(true);
    // Prose alone is not a code.
    expect(isCollectionNotExist(new Error('collection not exist'))).toBe(false);
  });

  test('collection already exists: the service code, or the Tencent Cloud code, inside a generic -501001', () => {
    expect(isCollectionAlreadyExists(sdkError(-501001, 'resource system error. [ResourceUnavailable.ResourceExist] Table exist. DATABASE_COLLECTION_ALREADY_EXIST'))).toBe(true);
    expect(isCollectionAlreadyExists({ code: 'DATABASE_COLLECTION_ALREADY_EXIST', message: 'x' })).toBe(true);
    expect(isCollectionAlreadyExists(new Error('the collection already exists'))).toBe(false);
    expect(isCollectionAlreadyExists(sdkError(-501001, 'resource system error'))).toBe(false);
  });

  test('transaction conflict: raw code at commit, or the code tokens kept in a wrapped message', () => {
    expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'retry' })).toBe(true);
    expect(isTransactionConflict(sdkError(-501001, '[ResourceUnavailable.TransactionConflict] Transaction is conflicting'))).toBe(true);
    expect(isTransactionConflict(sdkError(-502001, 'WriteConflict error: this operation conflicted with another operation'))).toBe(true);
    expect(isTransactionConflict(new Error('a conflict happened'))).toBe(false);
  });

  test('duplicate key: MongoDB code E11000, not the word "duplicate"', () => {
    expect(isDuplicateKey(sdkError(-502001, 'E11000 duplicate key error collection: persons index: _id_ dup key: { _id: "p1" }'))).toBe(true);
    expect(isDuplicateKey(new Error('duplicate entry'))).toBe(false);
    expect(isDuplicateKey('E11000 duplicate key error')).toBe(true);
    expect(isDuplicateKey(undefined)).toBe(false);
  });
});
