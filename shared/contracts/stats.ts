import { z } from 'zod';
import { contract } from './define';

export const statsContracts = {
  /** Nightly reconciliation of enterprise counts per region and industry (timer; sysadmin may run it). */
  rollupEnterpriseCounts: contract<{ regions: number; enterprises: number }>()(z.object({})),
};
