import { shanghaiDay } from '../../../shared/calendar';
import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { certificateIdOf, ISSUER, reserveCertCode, toCertificateView, type CertificateDoc } from '../certificates';
import { callerPerson, createOnce } from '../learner';

interface CompletionDoc {
  _id: string;
  courseId: string;
  title: string;
  creditedHours: number;
  creditedSeconds: number;
  completedAt: Date;
}

/**
 * 学时证明 of the online courses completed in a year. Idempotent: the `_id` names the person, the
 * year and how many courses it covers, so asking again without new completions returns the same
 * certificate (parallel requests too: one create wins); a new completion makes a new one.
 */
export default defineAction(learningContracts.issueCertificate, {
  allow: ['worker'],
  async run({ year }, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const done = await ctx.db.collection(C.completions).where({ personId: person._id, year }).orderBy('completedAt', 'asc').limit(1000).get<CompletionDoc>();
    if (!done.data.length) throw new AppError('CERTIFICATE_NO_HOURS');
    const id = certificateIdOf(person._id, year, done.data.length);
    const existing = await ctx.db.collection(C.certificates).doc(id).get();
    const have = (Array.isArray(existing.data) ? existing.data[0] : existing.data) as CertificateDoc | null;
    if (have) return { certificate: toCertificateView(have) };
    const code = await reserveCertCode(ctx.db, id, at);
    const courses = done.data.map((c) => ({ title: c.title, creditedHours: c.creditedHours, completedAt: new Date(c.completedAt).toISOString() }));
    const doc: CertificateDoc = {
      _id: id,
      personId: person._id,
      year,
      code,
      name: person.name,
      idMasked: person.idMasked,
      courses,
      onlineHours: Math.round(done.data.reduce((s, c) => s + (c.creditedHours ?? 0), 0) * 10) / 10,
      from: shanghaiDay(done.data[0].completedAt),
      to: shanghaiDay(done.data[done.data.length - 1].completedAt),
      issuer: ISSUER,
      issuedAt: at,
      status: 'valid',
    };
    const { _id: _omit, ...fields } = doc;
    if (await createOnce(ctx.db, C.certificates, id, fields)) return { certificate: toCertificateView(doc) };
    // A parallel request issued it first: answer that one (its code; ours stays reserved, unused).
    const won = await ctx.db.collection(C.certificates).doc(id).get();
    return { certificate: toCertificateView((Array.isArray(won.data) ? won.data[0] : won.data) as CertificateDoc) };
  },
});
