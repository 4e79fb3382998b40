import { z } from 'zod';
import { CERTIFICATE_TYPE_CODES, EMPLOYMENT_TYPE_CODES, POST_CATEGORY_CODES, type CertificateTypeCode, type EmploymentTypeCode, type PostCategoryCode } from '../taxonomy';
import { checkIdNumber, ID_NUMBER_PROBLEM_ZH, normalizeIdNumber } from '../idNumber';
import { isStrongPassword, PASSWORD_RULE_ZH } from '../password';
import { safeLine } from './common';

/** Shapes shared by worker, staff and approval contracts. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const certificateInput = z
  .object({
    type: z.enum(CERTIFICATE_TYPE_CODES),
    number: z.string().trim().min(1, '请填写证书编号').max(40).refine(...safeLine),
    issuedOn: isoDate.optional(),
    expiresOn: isoDate.optional(),
  })
  .refine((c) => !c.issuedOn || !c.expiresOn || c.issuedOn < c.expiresOn, { message: '证书有效期截止日期应晚于发证日期', path: ['expiresOn'] });
export type Certificate = { type: CertificateTypeCode; number: string; issuedOn?: string; expiresOn?: string };

/**
 * A validation issue tagged with `params.code` makes the router answer that stable code instead of
 * INVALID_INPUT (e.g. ID_NUMBER_INVALID, which external checks rely on, whatever else is wrong).
 */
export const codedIssue = (code: string) => ({ code });

/** Normalised (full-width, spaces, lower-case x) and checked: GB 11643 format, real birth date, check character. */
export const idNumberInput = z
  .string()
  .max(40, '身份证号码格式不正确')
  .superRefine((raw, ctx) => {
    const r = checkIdNumber(raw);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: ID_NUMBER_PROBLEM_ZH[r.problem], params: codedIssue('ID_NUMBER_INVALID') });
  })
  .transform((raw) => normalizeIdNumber(raw));
export const personName = z.string().trim().min(2, '姓名至少2个字').max(30, '姓名不能超过30个字').regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号');
export const phone = z.string().trim().regex(/^1\d{10}$/, '请输入11位手机号码');
export const passwordInput = z.string().refine(isStrongPassword, PASSWORD_RULE_ZH);
export const postCategory = z.enum(POST_CATEGORY_CODES);
export const employmentType = z.enum(EMPLOYMENT_TYPE_CODES);

export function idNumberError(raw: string): string | null {
  const r = checkIdNumber(raw);
  return r.ok ? null : ID_NUMBER_PROBLEM_ZH[r.problem];
}

export type PersonStatus = 'pending' | 'active' | 'left';

/** What a worker sees of themself (never the full ID number or the password hash). */
export interface PersonSelf {
  _id: string;
  name: string;
  idMasked: string;
  gender: 'male' | 'female';
  phone?: string;
  status: PersonStatus;
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentName?: string | null;
  postCategory: PostCategoryCode;
  employmentType: EmploymentTypeCode;
  certificates: Certificate[];
  mustChangePassword: boolean;
  /** A post category the worker asked for, waiting for the enterprise admin to confirm (信息变更). */
  pendingPostCategory?: PostCategoryCode | null;
}

/** A row of an enterprise's staff list. */
export interface StaffRow {
  _id: string;
  name: string;
  idMasked: string;
  gender: 'male' | 'female';
  phone?: string;
  departmentId: string | null;
  departmentName: string | null;
  postCategory: PostCategoryCode;
  employmentType: EmploymentTypeCode;
  certificates: Certificate[];
  status: PersonStatus;
  /** Whether a WeChat user is bound (the worker has logged in on a phone). */
  bound: boolean;
  updatedAt: string;
  /**
   * Former staff (status 'left') are read from the closed employment entry: what was true when the
   * person left (name, post, department, dates), never their current phone, certificates or binding.
   */
  joinedAt?: string;
  leftAt?: string;
  leftReason?: string;
}

/**
 * registration: a new worker asks to join; changeEmployer: an employed or former worker asks to move;
 * infoChange (信息变更): an employee asks their enterprise to confirm a new post category.
 */
export type RequestType = 'registration' | 'changeEmployer' | 'infoChange';
export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface RequestRow {
  _id: string;
  type: RequestType;
  status: RequestStatus;
  personId: string;
  personName: string;
  idMasked: string;
  postCategory: PostCategoryCode;
  certificates: Certificate[];
  enterpriseId: string;
  enterpriseName: string;
  fromEnterpriseName?: string | null;
  /** infoChange: the post category before the change (postCategory is the requested one). */
  previousPostCategory?: PostCategoryCode;
  reason?: string;
  createdAt: string;
  decidedAt?: string;
  decidedByName?: string;
}

export interface EmploymentRow {
  enterpriseId: string;
  enterpriseName: string;
  from: string;
  to: string | null;
  source: 'import' | 'admin' | 'selfRegistration' | 'transfer';
}
