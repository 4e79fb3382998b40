import { randomBytes } from 'crypto';
import type { CertificateView } from '../../shared/contracts/learning';
import { certCodeFrom } from '../../shared/learning/leaderboard';
import type { Database } from '../common/db';
import { C } from '../common/db';
import { createOnce } from './learner';

/** 学时证明 as stored: the view plus whose and which year (`cert:<personId>:<year>:<n>`, n = courses it covers). */
export interface CertificateDoc extends Omit<CertificateView, 'issuedAt'> {
  personId: string;
  year: number;
  issuedAt: Date;
}

export const ISSUER = '安学·安全生产全员培训平台';

export const certificateIdOf = (personId: string, year: number, courses: number): string => `cert:${personId}:${year}:${courses}`;
export const certCodeLockId = (code: string): string => `certCode:${code}`;

export function toCertificateView(d: CertificateDoc): CertificateView {
  return {
    _id: d._id,
    code: d.code,
    name: d.name,
    idMasked: d.idMasked,
    courses: d.courses,
    onlineHours: d.onlineHours,
    from: d.from,
    to: d.to,
    issuer: d.issuer,
    issuedAt: new Date(d.issuedAt).toISOString(),
    status: d.status,
  };
}

/** A fresh short code, unique through a lock document (create fails when the code is taken). */
export async function reserveCertCode(db: Database, certificateId: string, at: Date): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = certCodeFrom(randomBytes(32));
    if (code && (await createOnce(db, C.locks, certCodeLockId(code), { kind: 'certCode', certificateId, at }))) return code;
  }
  throw new Error('no free certificate code after 10 attempts');
}
