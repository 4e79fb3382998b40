import { oversightContracts } from '../../../shared/contracts/oversight';
import { defineAction } from '../../common/action';
import { periodReport } from '../report';

/** 月报: the weekly report by month (the last 12), same documents, same scope. */
export default defineAction(oversightContracts.monthlyReport, {
  allow: ['regulator', 'sysadmin'],
  run: (input, ctx) => periodReport(ctx, 'month', input.month, input.regionCode),
});
