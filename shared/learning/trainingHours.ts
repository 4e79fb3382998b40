import { HIGH_RISK_INDUSTRIES, type IndustryCode, type PostCategoryCode } from '../taxonomy';

/**
 * Statutory safety-training hours (生产经营单位安全培训规定, 3号令; 安委〔2012〕10号), split into
 * online and offline as seed 003 shows (initial 32 = 16 online + 16 offline; annual 12 = 8 + 4).
 * The split for the other rows is inferred from the same ratios (initial half/half, annual one
 * third offline, rounded up) and, like the table, is configuration rather than law.
 */
export type HoursKind = 'initial' | 'annual';
export interface HoursRequirement {
  kind: HoursKind;
  total: number;
  online: number;
  offline: number;
}

/** 主要负责人 and 安全生产管理人员 (安全总监 is one of the latter). */
const MANAGER_POSTS: readonly PostCategoryCode[] = ['principal', 'safetyDirector', 'safetyManager'];

export const HOURS_TABLE = {
  manager: { general: { initial: 32, annual: 12 }, highRisk: { initial: 48, annual: 16 } },
  worker: { general: { initial: 24, annual: 8 }, highRisk: { initial: 72, annual: 20 } },
} as const;

export function splitHours(kind: HoursKind, total: number): { online: number; offline: number } {
  const offline = kind === 'initial' ? Math.ceil(total / 2) : Math.ceil(total / 3);
  return { online: total - offline, offline };
}

export function hoursRequirement(postCategory: PostCategoryCode, industry: IndustryCode | null | undefined, kind: HoursKind): HoursRequirement {
  const tier = MANAGER_POSTS.includes(postCategory) ? 'manager' : 'worker';
  const risk = industry && HIGH_RISK_INDUSTRIES.includes(industry) ? 'highRisk' : 'general';
  const total = HOURS_TABLE[tier][risk][kind];
  return { kind, total, ...splitHours(kind, total) };
}

/** The year a person took up the post (joined the enterprise) owes the initial hours; later years the annual ones. */
export const hoursKindForYear = (postStartYear: number | null | undefined, year: number): HoursKind =>
  postStartYear != null && postStartYear === year ? 'initial' : 'annual';

export interface HoursGap {
  requirement: HoursRequirement;
  onlineHours: number;
  offlineHours: number;
  /** Missing hours per part (online time never stands in for offline training, nor the reverse). */
  onlineGap: number;
  offlineGap: number;
  gap: number;
  met: boolean;
}

const round1 = (h: number) => Math.round(h * 10) / 10;
/** Hours done are cut down to a tenth (7.99 h is 7.9 h, never a rounded-up 8). */
const floor1 = (h: number) => Math.floor(h * 10 + 1e-9) / 10;

/** Hours done in a year against the requirement; online time arrives as credited seconds. */
export function hoursGap(requirement: HoursRequirement, done: { onlineSeconds: number; offlineHours: number }): HoursGap {
  const onlineHours = floor1(Math.max(0, done.onlineSeconds) / 3600);
  const offlineHours = floor1(Math.max(0, done.offlineHours));
  const onlineGap = round1(Math.max(0, requirement.online - onlineHours));
  const offlineGap = round1(Math.max(0, requirement.offline - offlineHours));
  return { requirement, onlineHours, offlineHours, onlineGap, offlineGap, gap: round1(onlineGap + offlineGap), met: onlineGap === 0 && offlineGap === 0 };
}
