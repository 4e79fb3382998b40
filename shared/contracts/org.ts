import { z } from 'zod';
import { contract } from './define';
import { keyword, page, pageSize, safeLine, safeLines, type Paged } from './common';
import { INDUSTRY_CODES, KEY_AREA_CODES, SCALE_CODES, SUPERVISION_TYPE_CODES, type IndustryCode, type KeyAreaCode, type ScaleCode, type SupervisionTypeCode } from '../taxonomy';
import { personName, phone } from './people';
import type { AccountView } from './identity';

/** What anyone may see of an enterprise when picking an employer. */
export interface EnterpriseBrief {
  _id: string;
  name: string;
  creditCode: string;
  regionName: string;
}

/** A row of the console's enterprise table. */
export interface EnterpriseRow extends EnterpriseBrief {
  regionCode: string;
  industry: IndustryCode;
  supervisionType: SupervisionTypeCode;
  keyAreas: KeyAreaCode[];
  scale: ScaleCode;
  staffCount: number;
  contactName: string;
  contactPhone: string;
  createdAt: string;
  /**
   * 信用代码核实: verified (check character passes, or a regulator confirmed it); pending (待核实:
   * accepted as printed on the licence, the county regulator must look); wrong (a regulator recorded
   * that the code is wrong: the enterprise must correct it).
   */
  creditCodeStatus: CreditCodeStatus;
}

export type CreditCodeStatus = 'verified' | 'pending' | 'wrong';

/** The attributes that decide which pushed tasks an enterprise receives, plus its registration data. */
export const enterpriseProfile = z.object({
  name: z.string().trim().min(4, '企业名称至少4个字').max(60, '企业名称不能超过60个字').refine(...safeLine),
  /** Region down to town (9 digits) or county (6) from the region tree. */
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '请选择到区县或乡镇（街道）'),
  address: z.string().trim().min(4, '请填写详细地址').max(120).refine(...safeLine),
  contactName: personName,
  contactPhone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请输入手机号或带区号的固定电话'),
  scale: z.enum(SCALE_CODES),
  supervisionType: z.enum(SUPERVISION_TYPE_CODES),
  industry: z.enum(INDUSTRY_CODES),
  /** Empty = 不涉及工贸行业重点监管领域. */
  keyAreas: z.array(z.enum(KEY_AREA_CODES)).max(KEY_AREA_CODES.length),
});

export interface EnterpriseDetail extends EnterpriseRow {
  address: string;
  townCode?: string;
  /** False when the admin confirmed a credit code whose check character fails; the county regulator verifies it. */
  creditCodeVerified: boolean;
  /** The regulator's note when it recorded the code as wrong. */
  creditCodeNote?: string;
  updatedAt: string;
}

export interface DepartmentItem {
  _id: string;
  name: string;
  parentId: string | null;
  order: number;
  staffCount: number;
}

export interface RegionItem {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town';
  hasChildren: boolean;
}

export const orgContracts = {
  /**
   * Enterprise registration by its first admin (console or mini-program). A credit code that fails
   * its check character is CREDIT_CODE_INVALID unless `creditCodeConfirmed` (printed so on the
   * licence): then it is accepted and flagged for the county regulator to verify.
   */
  registerEnterprise: contract<{ enterpriseId: string; creditCodeVerified: boolean; account: AccountView }>()(
    enterpriseProfile.extend({
      creditCode: z.string().trim().min(1, '请输入统一社会信用代码').max(30),
      creditCodeConfirmed: z.boolean().optional().default(false),
      admin: z.object({
        username: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{3,31}$/, '用户名为4-32位小写字母、数字或下划线，以字母开头'),
        password: z.string().min(8).max(64),
        displayName: personName,
        phone: phone.optional(),
      }),
    }),
  ),
  /** One enterprise in the caller's scope (an enterprise admin: its own, without enterpriseId). */
  getEnterprise: contract<{ enterprise: EnterpriseDetail }>()(z.object({ enterpriseId: z.string().max(64).optional() })),
  /** Enterprise admin edits its profile (audited: it changes which tasks the enterprise receives). */
  updateEnterprise: contract<{ enterprise: EnterpriseDetail }>()(enterpriseProfile.partial()),
  /** A regulator records the result of checking a flagged (待核实) credit code: confirmed, or wrong (with a note). */
  verifyCreditCode: contract<{ enterprise: EnterpriseDetail }>()(
    z
      .object({
        enterpriseId: z.string().min(1).max(64),
        result: z.enum(['verified', 'wrong']).optional().default('verified'),
        note: z.string().trim().max(200).refine(...safeLines).optional(),
      })
      .refine((d) => d.result === 'verified' || !!d.note, { message: '请填写核实情况说明', path: ['note'] }),
  ),

  listDepartments: contract<{ items: DepartmentItem[] }>()(z.object({ enterpriseId: z.string().max(64).optional() })),
  createDepartment: contract<{ department: DepartmentItem }>()(
    z.object({ name: z.string().trim().min(1, '请填写部门名称').max(40).refine(...safeLine), parentId: z.string().max(64).nullable().optional().default(null) }),
  ),
  renameDepartment: contract<{ department: DepartmentItem }>()(
    z.object({ departmentId: z.string().min(1).max(64), name: z.string().trim().min(1, '请填写部门名称').max(40).refine(...safeLine) }),
  ),
  moveDepartment: contract<{ department: DepartmentItem }>()(
    z.object({ departmentId: z.string().min(1).max(64), parentId: z.string().max(64).nullable() }),
  ),
  deleteDepartment: contract<{ deleted: true }>()(z.object({ departmentId: z.string().min(1).max(64) })),

  /** Children of a region (or the provinces when no parent): cascaders in both clients. */
  listRegions: contract<{ items: RegionItem[] }>()(
    z.object({
      parentCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, '行政区划代码格式不正确').optional(),
    }),
  ),
  /** Employer search for the mini-program (home page, registration, change of employer). */
  searchEnterprises: contract<{ items: EnterpriseBrief[]; hasMore: boolean }>()(
    z.object({
      keyword,
      page,
      pageSize: pageSize(20, 20),
    }),
  ),
  /** Console: enterprises within the caller's region (and industries), paged and searchable. */
  listEnterprises: contract<Paged<EnterpriseRow>>()(
    z.object({
      keyword,
      regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, '行政区划代码格式不正确').optional(),
      industry: z.enum(INDUSTRY_CODES).optional(),
      creditCodeStatus: z.enum(['verified', 'pending', 'wrong']).optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
  ),
};
