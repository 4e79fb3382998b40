/** Arrangements shared by the org action tests (not shipped: only index.ts and its imports are bundled). */
import { randomInt } from 'crypto';
import { CREDIT_CODE_ALPHABET, makeCreditCode } from '../../shared/creditCode';
import { makeIdNumber } from '../../shared/idNumber';
import type { EnterpriseDetail } from '../../shared/contracts/org';
import { personIdentity } from '../common/persons';
import { pendingInfoChangeLockId, pendingRequestLockId } from '../common/employment';
import type { RequestDoc } from '../common/requests';
import { expectOk, type TestCloud } from '../common/testing';

let seq = 0;
const uniq = () => `${Date.now().toString(36).slice(-4)}${(seq++).toString(36)}`;

/** A fresh, valid credit code in 滕州市. */
export function freshCreditCode(region6 = '370481'): string {
  let org = '';
  for (let i = 0; i < 9; i++) org += CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)];
  return makeCreditCode(region6, org);
}

let idSeq = 0;
const DAY_MS = 86_400_000;
const BIRTH_BASE = Date.UTC(1970, 0, 1);
/** Birth days 1970–1999: one per call, so no two ID numbers of a test process can collide. */
const BIRTH_DAYS = 30 * 365;

/**
 * A valid ID number nobody has used yet in this test process: each call takes the next birth day
 * (unique for the first 10,950 calls; a random sequence number only spreads the values), so large
 * suites such as the authorization matrix never draw the same number twice.
 */
export function freshIdNumber(region6 = '370481'): string {
  const n = idSeq++;
  const birth = new Date(BIRTH_BASE + (n % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return makeIdNumber(region6, birth, String(randomInt(1000)).padStart(3, '0'));
}

export function enterpriseInput(overrides: Record<string, unknown> = {}) {
  const u = uniq();
  return {
    name: `滕州测试${u}机械有限公司`,
    creditCode: freshCreditCode(),
    regionCode: '370481001',
    address: '滕州市荆河街道测试路1号',
    contactName: '张三',
    contactPhone: '13800000000',
    scale: 'above',
    supervisionType: 'emergency',
    industry: 'machinery',
    keyAreas: ['dustExplosion'],
    admin: { username: `adm_${u}`.toLowerCase(), password: 'Secret123', displayName: '李四' },
    ...overrides,
  };
}

/** Registers an enterprise with its first admin and signs that admin in. */
export async function newEnterprise(cloud: TestCloud, overrides: Record<string, unknown> = {}): Promise<{ enterpriseId: string; token: string; username: string }> {
  const input = enterpriseInput(overrides);
  const r = expectOk(await cloud.call<{ enterpriseId: string }>('org', { action: 'registerEnterprise', ...input }, { openid: 'o-reg' }));
  return { enterpriseId: r.enterpriseId, token: await cloud.login(input.admin.username, input.admin.password), username: input.admin.username };
}

/**
 * A self-registered person with a pending request to `enterpriseId`, written straight to the
 * database (as identity.register would), so these tests do not depend on that action.
 */
export async function pendingRegistration(cloud: TestCloud, enterprise: Pick<EnterpriseDetail, '_id' | 'name'>, opts: { idNumber?: string; name?: string } = {}) {
  const idNumber = opts.idNumber ?? freshIdNumber();
  const identity = personIdentity(idNumber);
  const now = new Date();
  const name = opts.name ?? '王五';
  await cloud.db().collection('persons').add({
    data: {
      ...identity,
      name,
      status: 'pending',
      enterpriseId: null,
      enterpriseName: null,
      departmentId: null,
      postCategory: 'otherWorker',
      employmentType: 'regular',
      certificates: [],
      passwordHash: 'scrypt$x',
      mustChangePassword: false,
      openid: `o-${identity._id}`,
      createdAt: now,
      updatedAt: now,
    },
  });
  const requestId = await addRequest(cloud, { type: 'registration', personId: identity._id, personName: name, idMasked: identity.idMasked, enterpriseId: enterprise._id, enterpriseName: enterprise.name });
  return { idNumber, personId: identity._id, requestId };
}

/** A pending request as the worker would file it (with its lock, as employment.fileRequest writes it). */
export async function addRequest(cloud: TestCloud, r: Partial<RequestDoc> & Pick<RequestDoc, 'type' | 'personId' | 'enterpriseId' | 'enterpriseName'>): Promise<string> {
  const doc = { status: 'pending', personName: '王五', idMasked: '3704**********0000', postCategory: 'otherWorker', certificates: [], fromEnterpriseId: null, fromEnterpriseName: null, source: 'worker', createdAt: new Date(), ...r };
  const res = await cloud.db().collection('requests').add({ data: doc });
  if (doc.status === 'pending') {
    const lockId = r.type === 'infoChange' ? pendingInfoChangeLockId(r.personId) : pendingRequestLockId(r.personId);
    await cloud.db().collection('locks').doc(lockId).set({ data: { kind: r.type === 'infoChange' ? 'pendingInfoChange' : 'pendingRequest', personId: r.personId, requestId: res._id, createdAt: doc.createdAt } });
  }
  return res._id!;
}

export const auditCount = async (cloud: TestCloud, where: Record<string, unknown>) => (await cloud.db().collection('auditLog').where(where).count()).total;
