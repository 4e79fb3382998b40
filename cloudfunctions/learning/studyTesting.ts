/** Study fixtures written straight to the database (not shipped: only index.ts and its imports are bundled). */
import { randomBytes } from 'crypto';
import type { CourseCategory, MaterialView } from '../../shared/contracts/courses';
import { makeIdNumber } from '../../shared/idNumber';
import { normalizePushRule, type PushRule } from '../../shared/learning/pushRule';
import type { IdentityCheckConfig } from '../../shared/learning/crediting';
import { hashPassword } from '../common/crypto';
import { personEnterpriseFields, type EnterpriseDoc } from '../common/enterprises';
import { personIdentity, type PersonDoc } from '../common/persons';
import type { TestCloud } from '../common/testing';
import { courseMatchOf, type CourseDoc } from './courseDoc';

/**
 * Fixtures for the learning suites: course documents in the stored shape (courseDoc.ts) and
 * employed workers bound to an OPENID, written straight to the database.
 */
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${randomBytes(2).toString('hex')}`;

export async function enterpriseDoc(cloud: TestCloud, id?: string): Promise<EnterpriseDoc> {
  const q = id ? cloud.db().collection('enterprises').where({ _id: id }) : cloud.db().collection('enterprises').orderBy('_id', 'asc');
  const res = await q.limit(1).get<EnterpriseDoc>();
  if (!res.data[0]) throw new Error(`no enterprise ${id ?? ''}`);
  return res.data[0];
}

let idSeq = 500;
export async function addWorker(
  cloud: TestCloud,
  enterprise: EnterpriseDoc,
  opts: { name?: string; postCategory?: PersonDoc['postCategory']; status?: PersonDoc['status'] } = {},
): Promise<{ personId: string; openid: string; name: string }> {
  const n = idSeq++;
  const idNumber = makeIdNumber(enterprise.countyCode ?? '370481', `19${60 + (Math.floor(n / 1000) % 40)}0101`, String(n % 1000).padStart(3, '0'));
  const openid = `o-learn-${uniq()}`;
  const at = new Date();
  const ident = personIdentity(idNumber);
  const name = opts.name ?? `学员${seq}`;
  // A fresh id number per call: the sequence may wrap; the random tail keeps _ids apart.
  const _id = `${ident._id.slice(0, 24)}${randomBytes(4).toString('hex')}`;
  const doc = {
    ...ident,
    _id,
    name,
    ...personEnterpriseFields(enterprise),
    status: opts.status ?? 'active',
    departmentId: null,
    departmentName: null,
    postCategory: opts.postCategory ?? 'otherWorker',
    employmentType: 'regular',
    certificates: [],
    passwordHash: await hashPassword('Worker2026ok'),
    mustChangePassword: false,
    openid,
    joinedAt: at,
    createdAt: at,
    updatedAt: at,
  };
  await cloud.db().collection('persons').add({ data: doc });
  return { personId: _id, openid, name };
}

export interface CourseFixture {
  title?: string;
  category?: CourseCategory;
  materials?: { kind?: MaterialView['kind']; requiredSeconds: number }[];
  pushRule?: Partial<PushRule>;
  identityCheck?: IdentityCheckConfig;
  status?: CourseDoc['status'];
  validUntil?: string | null;
  dueDate?: string | null;
}

export async function addCourse(cloud: TestCloud, f: CourseFixture = {}): Promise<CourseDoc> {
  const id = `crs${uniq()}`;
  const at = new Date();
  const pushRule = normalizePushRule(f.pushRule ?? {});
  const materials: MaterialView[] = (f.materials ?? [{ requiredSeconds: 600 }]).map((m, i) => {
    const kind = m.kind ?? 'article';
    const base = { _id: `m${i + 1}`, kind, title: `资料${i + 1}`, requiredSeconds: m.requiredSeconds };
    return kind === 'video' ? { ...base, fileID: 'cloud://local/demo.mp4', durationSeconds: m.requiredSeconds } : kind === 'document' ? { ...base, fileID: 'cloud://local/demo.pdf', pages: 4 } : { ...base, html: '<p>安全生产</p>' };
  });
  const doc: CourseDoc = {
    _id: id,
    lineageId: id,
    version: 1,
    title: f.title ?? `测试课程${seq}`,
    category: f.category ?? 'required',
    description: '',
    coverFileID: null,
    creditedHours: 1,
    dueDate: f.dueDate ?? null,
    validUntil: f.validUntil ?? null,
    materials,
    identityCheck: (f.identityCheck ?? { mode: 'none' }) as CourseDoc['identityCheck'],
    pushRule,
    status: f.status ?? 'published',
    publisher: { role: 'sysadmin', accountId: 'u:admin', name: '系统管理员' },
    match: courseMatchOf(pushRule),
    learners: 0,
    completions: 0,
    ratingSum: 0,
    ratingCount: 0,
    rev: 0,
    createdAt: at,
    updatedAt: at,
    publishedAt: f.status && f.status !== 'published' ? null : at,
  };
  await cloud.db().collection('courses').add({ data: doc as unknown as Record<string, unknown> });
  return doc;
}
