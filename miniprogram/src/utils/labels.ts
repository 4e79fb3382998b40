import { CERTIFICATE_TYPES, EMPLOYMENT_TYPES, labelOf, POST_CATEGORIES } from '@shared/taxonomy';
import type { PersonStatus, RequestStatus, RequestType } from '@shared/contracts';

export const postLabel = (code?: string | null) => labelOf(POST_CATEGORIES, code);
export const employmentLabel = (code?: string | null) => labelOf(EMPLOYMENT_TYPES, code);
export const certificateLabel = (code?: string | null) => labelOf(CERTIFICATE_TYPES, code);

export const PERSON_STATUS: Record<PersonStatus, { label: string; tone: 'warn' | 'ok' | 'muted' }> = {
  pending: { label: '待审核', tone: 'warn' },
  active: { label: '在职', tone: 'ok' },
  left: { label: '已离职', tone: 'muted' },
};

export const REQUEST_TYPE: Record<RequestType, string> = { registration: '注册申请', changeEmployer: '更换企业', infoChange: '信息变更' };
/** As a sentence says it: 通过吕梅的更换企业申请？ */
export const REQUEST_NOUN: Record<RequestType, string> = { registration: '注册申请', changeEmployer: '更换企业申请', infoChange: '信息变更申请' };
export const REQUEST_STATUS: Record<RequestStatus, { label: string; tone: 'warn' | 'ok' | 'muted' | 'bad' }> = {
  pending: { label: '待审核', tone: 'warn' },
  approved: { label: '已通过', tone: 'ok' },
  rejected: { label: '已驳回', tone: 'bad' },
  cancelled: { label: '已撤销', tone: 'muted' },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23 19:05` in the phone's time zone; '' for a missing value. */
export function formatTime(iso?: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso?: string | null): string {
  return formatTime(iso).slice(0, 10);
}
