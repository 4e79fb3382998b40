import { z } from 'zod';
import { contract } from './define';

export const statsContracts = {
  /** The one timer of the stats function (CloudBase allows one per function): reconcileCounts, then rollupEnterpriseCounts. */
  nightly: contract<{ reconciled: { enterprises: number; drift: number }; rollup: { regions: number; enterprises: number } }>()(z.object({})),
  /** Nightly reconciliation of enterprise counts per region and industry (timer; sysadmin may run it). */
  rollupEnterpriseCounts: contract<{ regions: number; enterprises: number }>()(z.object({})),
  /**
   * Nightly: recomputes every enterprise's staffCount from the records (active persons), fixes and
   * reports any drift (which must be zero), and removes expired rate-limit / login-guard counters.
   */
  reconcileCounts: contract<{ enterprises: number; drift: { enterpriseId: string; stored: number; actual: number }[]; expiredCountersRemoved: number }>()(
    z.object({}),
  ),
};
