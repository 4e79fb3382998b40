import { CERTIFICATE_TYPES, EMPLOYMENT_TYPES, INDUSTRIES, KEY_AREAS, POST_CATEGORIES, SCALES, SUPERVISION_TYPES } from '@shared/taxonomy';

/** antd `options` for the taxonomy lists (labels are what people see, codes are what is stored). */
const opts = <T extends string>(list: readonly { code: T; label: string }[]) => list.map((i) => ({ value: i.code, label: i.label }));

export const INDUSTRY_OPTIONS = opts(INDUSTRIES);
export const SUPERVISION_OPTIONS = opts(SUPERVISION_TYPES);
export const SCALE_OPTIONS = opts(SCALES);
export const KEY_AREA_OPTIONS = opts(KEY_AREAS);
export const POST_OPTIONS = opts(POST_CATEGORIES);
export const EMPLOYMENT_OPTIONS = opts(EMPLOYMENT_TYPES);
export const CERTIFICATE_OPTIONS = opts(CERTIFICATE_TYPES);

/** Short names for tags in tables (the full names are long official titles). */
export const CERTIFICATE_SHORT: Record<string, string> = {
  safetyQualification: '安管合格证',
  specialOperation: '特种作业证',
  specialEquipment: '特种设备证',
};
