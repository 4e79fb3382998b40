import { signDeployProof } from '../../cloudfunctions/common/deployProof';
import { BOOTSTRAP_REGIONS_PER_CALL, type statsContracts } from '../../shared/contracts/stats';
import type { OutputOf } from '../../shared/contracts/define';
import type { Fail, Ok } from '../../shared/errors';
import { provinceRegions, type RegionDoc } from '../seed/regions';

export type BootstrapOutput = OutputOf<typeof statsContracts.bootstrap>;
export type ReissueOutput = OutputOf<typeof statsContracts.reissueSysadminPassword>;
/** Calls the stats function with an event (manager-node's invokeFunction, the local cloud, or main in tests). */
export type InvokeStats = (event: Record<string, unknown>) => Promise<Ok<BootstrapOutput> | Fail>;

export interface BootstrapSummary {
  collectionsCreated: string[];
  regions: { total: number; created: number };
  sysadmin: {
    username: string;
    created: boolean;
    oneTimePassword: string | null;
    /** Still on its one-time password and never signed in (the deploy re-issues it then). */
    awaitingFirstLogin: boolean;
    /** The password shown is a re-issued one (reissueSysadminPassword), not the bootstrap's. */
    reissued?: boolean;
  };
  calls: number;
}

/** The province(s) this environment serves (ANXUE_PROVINCES, comma-separated codes; default 山东 37). */
export function configuredRegions(codes = process.env.ANXUE_PROVINCES ?? '37'): RegionDoc[] {
  return codes
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .flatMap((c) => provinceRegions(c));
}

/**
 * Runs the bootstrap action in chunks (CloudBase's 100 KB call body), each call with a fresh proof
 * signed with the deployer's ANXUE_BOOTSTRAP_KEY. The one-time password appears in the answer of
 * the call that created the sysadmin; a second bootstrap answers none.
 */
export async function runBootstrap(invoke: InvokeStats, key: string, regions: RegionDoc[], nowMs: () => number = Date.now): Promise<BootstrapSummary> {
  const summary: BootstrapSummary = { collectionsCreated: [], regions: { total: regions.length, created: 0 }, sysadmin: { username: '', created: false, oneTimePassword: null, awaitingFirstLogin: false }, calls: 0 };
  const chunks: RegionDoc[][] = [];
  for (let i = 0; i < regions.length; i += BOOTSTRAP_REGIONS_PER_CALL) chunks.push(regions.slice(i, i + BOOTSTRAP_REGIONS_PER_CALL));
  if (!chunks.length) chunks.push([]);
  for (const chunk of chunks) {
    const r = await invoke({ action: 'bootstrap', regions: chunk, deployProof: signDeployProof(key, 'stats', 'bootstrap', nowMs()) });
    summary.calls++;
    if (!r.ok) throw new Error(`bootstrap failed: ${r.code} ${r.message}`);
    summary.collectionsCreated.push(...r.data.collectionsCreated);
    summary.regions.created += r.data.regions.created;
    summary.sysadmin.username = r.data.sysadmin.username;
    if (r.data.sysadmin.created) summary.sysadmin = { ...r.data.sysadmin };
    else if (!summary.sysadmin.created) summary.sysadmin.awaitingFirstLogin = r.data.sysadmin.awaitingFirstLogin === true;
  }
  return summary;
}

/**
 * A new one-time password for the first sysadmin (stats.reissueSysadminPassword, with a fresh
 * proof): for an environment whose bootstrap created the sysadmin but whose password was never
 * shown (a deploy that crashed in between). Refused once the sysadmin has chosen a password.
 */
export async function reissueSysadminPassword(invoke: (event: Record<string, unknown>) => Promise<Ok<ReissueOutput> | Fail>, key: string, nowMs: () => number = Date.now): Promise<ReissueOutput> {
  const r = await invoke({ action: 'reissueSysadminPassword', deployProof: signDeployProof(key, 'stats', 'reissueSysadminPassword', nowMs()) });
  if (!r.ok) throw new Error(`reissueSysadminPassword failed: ${r.code} ${r.message}`);
  return r.data;
}
