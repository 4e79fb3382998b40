import { learningContracts } from '../../../shared/contracts/learning';
import { maskPersonName } from '../../../shared/learning/courseCenter';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { toCertificateView, type CertificateDoc } from '../certificates';

/** Public (the console's verification page, no login): one indexed query by code; masked name and ID number only. */
export default defineAction(learningContracts.verifyCertificate, {
  allow: ['anyone'],
  async run({ code }, ctx) {
    const res = await ctx.db.collection(C.certificates).where({ code }).limit(1).get<CertificateDoc>();
    const doc = res.data[0];
    if (!doc) return { status: 'notFound' as const };
    const { _id: _drop, status, ...certificate } = toCertificateView(doc);
    // Anyone holding a code sees whose it is only masked (张*明, 3704**********123X): enough to compare with the paper.
    return { status, certificate: { ...certificate, name: maskPersonName(certificate.name) } };
  },
});
