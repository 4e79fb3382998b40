import type { OvFigures } from '../contracts/oversight';
import { regionLevelOf, REGION_LEVEL_ZH } from '../regions';
import { examTotals, rate, type OvCounters } from './rollup';

/** The figures of the sum of some rollup documents (an industry-limited view sums its region × industry nodes). */
export function figuresOf(docs: readonly (OvCounters | null | undefined)[]): OvFigures {
  const sum: Record<string, number> = {};
  for (const d of docs) if (d) for (const [k, v] of Object.entries(d)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
  const exam = examTotals(sum);
  return {
    enterprises: sum.enterprises ?? 0,
    persons: sum.persons ?? 0,
    joined: sum.joined ?? 0,
    leavers: sum.leavers ?? 0,
    learners: sum.learners ?? 0,
    completions: sum.completions ?? 0,
    onlineSeconds: sum.onlineSeconds ?? 0,
    points: sum.points ?? 0,
    examTakers: exam.takers,
    examPassed: exam.passed,
    examFailed: exam.failed,
    passRate: rate(exam.passed, exam.takers),
  };
}

/** Who published a course, as the share-by-publisher chart groups it. */
export function publisherLabel(p: { role: string; regionCode?: string } | null | undefined): string {
  if (!p) return '其他';
  if (p.role === 'sysadmin') return '平台';
  if (p.role === 'enterpriseAdmin') return '企业';
  const level = p.regionCode ? regionLevelOf(p.regionCode) : null;
  return level ? `${REGION_LEVEL_ZH[level].replace('级', '')}监管部门` : '监管部门';
}
