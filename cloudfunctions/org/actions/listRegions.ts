import { orgContracts, type RegionItem } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';

/** The public division tree, one level at a time (≤ a few dozen children per parent). */
export default defineAction(orgContracts.listRegions, {
  allow: ['anyone'],
  async run({ parentCode }, { db }) {
    const res = await db
      .collection(C.regions)
      .where({ parentCode: parentCode ?? '' })
      .orderBy('code', 'asc')
      .limit(1000)
      .field({ code: true, name: true, level: true, hasChildren: true })
      .get<RegionItem>();
    return { items: res.data.map(({ code, name, level, hasChildren }) => ({ code, name, level, hasChildren })) };
  },
});
