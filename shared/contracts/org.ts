import { z } from 'zod';
import { contract } from './define';
import { keyword, page, pageSize, type Paged } from './common';
import { INDUSTRY_CODES, type IndustryCode, type KeyAreaCode, type ScaleCode, type SupervisionTypeCode } from '../taxonomy';

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
}

export interface RegionItem {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town';
  hasChildren: boolean;
}

export const orgContracts = {
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
      page,
      pageSize: pageSize(100, 20),
    }),
  ),
};
