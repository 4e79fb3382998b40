import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';
import { toOfflineView, type OfflineTrainingDoc } from '../offline';

/** The enterprise's offline trainings, newest first (voided ones included, marked). */
export default defineAction(coursesContracts.listOfflineTrainings, {
  allow: ['enterpriseAdmin'],
  async run({ year, page, pageSize }, ctx) {
    const where: Record<string, unknown> = { enterpriseId: ownEnterpriseId(ctx.principal) };
    if (year) where.year = year;
    const coll = ctx.db.collection(C.offlineTrainings);
    const [res, count] = await Promise.all([
      coll
        .where(where)
        .orderBy('date', 'desc')
        .orderBy('createdAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .get<OfflineTrainingDoc>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map(toOfflineView), total: count.total, page, pageSize };
  },
});
