import { z } from 'zod';
import { contract } from './define';

export const statsContracts = {
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
