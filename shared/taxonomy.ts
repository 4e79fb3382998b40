/**
 * Targeting attributes of enterprises and persons. Push rules match on these codes, so codes are
 * stable ASCII strings; labels are what people see. Lists marked inferred in the team notes are
 * defaults meant to be configurable, not official enumerations.
 */
export const INDUSTRIES = [
  { code: 'nonCoalMine', label: '非煤矿山' },
  { code: 'hazardousChemicals', label: '危化品' },
  { code: 'fireworks', label: '烟花爆竹' },
  { code: 'metallurgy', label: '冶金' },
  { code: 'nonferrous', label: '有色' },
  { code: 'buildingMaterials', label: '建材' },
  { code: 'machinery', label: '机械' },
  { code: 'lightIndustry', label: '轻工' },
  { code: 'textile', label: '纺织' },
  { code: 'tobacco', label: '烟草' },
  { code: 'commerce', label: '商贸' },
  { code: 'metalSmelting', label: '金属冶炼' },
  { code: 'construction', label: '建筑施工' },
  { code: 'other', label: '其他' },
] as const;
export type IndustryCode = (typeof INDUSTRIES)[number]['code'];
export const INDUSTRY_CODES = INDUSTRIES.map((i) => i.code) as [IndustryCode, ...IndustryCode[]];

/** 高危 industries: longer statutory training hours (3号令). */
export const HIGH_RISK_INDUSTRIES: readonly IndustryCode[] = ['nonCoalMine', 'hazardousChemicals', 'fireworks', 'metalSmelting'];

export const SUPERVISION_TYPES = [
  { code: 'emergency', label: '应急管理部门监管' },
  { code: 'sector', label: '行业主管部门监管' },
  { code: 'undetermined', label: '待确定' },
] as const;
export type SupervisionTypeCode = (typeof SUPERVISION_TYPES)[number]['code'];
export const SUPERVISION_TYPE_CODES = SUPERVISION_TYPES.map((i) => i.code) as [SupervisionTypeCode, ...SupervisionTypeCode[]];

export const KEY_AREAS = [
  { code: 'dustExplosion', label: '粉尘涉爆' },
  { code: 'ammoniaRefrigeration', label: '涉氨制冷' },
  { code: 'confinedSpace', label: '有限空间作业' },
  { code: 'metalSmelting', label: '金属冶炼（含煤气）' },
  { code: 'aluminiumCasting', label: '铝加工（深井铸造）' },
  { code: 'chemicalUse', label: '危险化学品使用' },
] as const;
export type KeyAreaCode = (typeof KEY_AREAS)[number]['code'];
export const KEY_AREA_CODES = KEY_AREAS.map((i) => i.code) as [KeyAreaCode, ...KeyAreaCode[]];

export const SCALES = [
  { code: 'above', label: '规模以上' },
  { code: 'below', label: '规模以下' },
] as const;
export type ScaleCode = (typeof SCALES)[number]['code'];
export const SCALE_CODES = SCALES.map((i) => i.code) as [ScaleCode, ...ScaleCode[]];

export const POST_CATEGORIES = [
  { code: 'principal', label: '主要负责人' },
  { code: 'safetyDirector', label: '安全总监' },
  { code: 'safetyManager', label: '安全管理人员' },
  { code: 'specialOperator', label: '特种作业人员' },
  { code: 'keyHazardousWork', label: '重点危险作业人员' },
  { code: 'teamLeader', label: '班组长' },
  { code: 'internalTrainer', label: '内训师' },
  { code: 'otherWorker', label: '其他从业人员' },
] as const;
export type PostCategoryCode = (typeof POST_CATEGORIES)[number]['code'];
export const POST_CATEGORY_CODES = POST_CATEGORIES.map((i) => i.code) as [PostCategoryCode, ...PostCategoryCode[]];

export const CERTIFICATE_TYPES = [
  { code: 'safetyQualification', label: '安全生产知识和管理能力考核合格证明' },
  { code: 'specialOperation', label: '特种作业操作证' },
  { code: 'specialEquipment', label: '特种设备作业人员证' },
] as const;
export type CertificateTypeCode = (typeof CERTIFICATE_TYPES)[number]['code'];
export const CERTIFICATE_TYPE_CODES = CERTIFICATE_TYPES.map((i) => i.code) as [CertificateTypeCode, ...CertificateTypeCode[]];

export const EMPLOYMENT_TYPES = [
  { code: 'regular', label: '正式员工' },
  { code: 'contract', label: '合同工' },
  { code: 'dispatched', label: '劳务派遣' },
  { code: 'flexible', label: '灵活用工' },
  { code: 'temporary', label: '临时工' },
] as const;
export type EmploymentTypeCode = (typeof EMPLOYMENT_TYPES)[number]['code'];
export const EMPLOYMENT_TYPE_CODES = EMPLOYMENT_TYPES.map((i) => i.code) as [EmploymentTypeCode, ...EmploymentTypeCode[]];

type Labelled = readonly { code: string; label: string }[];
/** Label for a code, or the code itself when unknown (never throws in UI). */
export function labelOf(list: Labelled, code: string | undefined | null): string {
  if (!code) return '';
  return list.find((i) => i.code === code)?.label ?? code;
}
