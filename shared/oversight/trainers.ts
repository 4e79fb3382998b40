import { HIGH_RISK_INDUSTRIES, type IndustryCode, type ScaleCode } from '../taxonomy';

/**
 * 内训师 配备比例 (seed 002, 专项行动方案 (三)): high-risk enterprises at least 5‰ of their staff and
 * generally no fewer than 3; other 规模以上 enterprises at least 3‰. 规模以下 enterprises outside the
 * high-risk industries have no requirement. A trainer is a staff member whose post category is
 * 内训师 (`internalTrainer`), which the enterprise admin edits in the staff list.
 */
export interface TrainerRule {
  /** Trainers required (0: no requirement). */
  required: number;
  /** The rule applied, in Chinese (shown in the console). */
  rule: string;
}

export const HIGH_RISK_PER_MILLE = 5;
export const HIGH_RISK_MINIMUM = 3;
export const ABOVE_SCALE_PER_MILLE = 3;

export function trainerRule(e: { industry: IndustryCode; scale: ScaleCode }, staff: number): TrainerRule {
  const n = Math.max(0, Math.floor(staff));
  if (HIGH_RISK_INDUSTRIES.includes(e.industry)) {
    // ceil: 5‰ of 1 001 staff is 5.005, i.e. six trainers; integer arithmetic avoids 0.1-style float error.
    return { required: Math.max(HIGH_RISK_MINIMUM, Math.ceil((n * HIGH_RISK_PER_MILLE) / 1000)), rule: '高危行业：不低于职工总数的千分之五，且不少于3人' };
  }
  if (e.scale === 'above') return { required: Math.ceil((n * ABOVE_SCALE_PER_MILLE) / 1000), rule: '规模以上企业：不低于职工总数的千分之三' };
  return { required: 0, rule: '规模以下企业：无配备比例要求' };
}

export const meetsTrainerRule = (e: { industry: IndustryCode; scale: ScaleCode }, staff: number, trainers: number): boolean => trainers >= trainerRule(e, staff).required;
