import { oversightContracts } from '../../../shared/contracts/oversight';
import { defineAction } from '../../common/action';
import { annex3Of } from '../report';

/**
 * 附件3 专项行动执行情况汇总表: the region's region × industry rollups (one query, ≤ 14 documents)
 * folded into the seed's rows (shared/oversight/report.ts). Scope as the weekly report.
 */
export default defineAction(oversightContracts.annex3, {
  allow: ['regulator', 'sysadmin'],
  run: (input, ctx) => annex3Of(ctx, input.regionCode, input.month),
});
