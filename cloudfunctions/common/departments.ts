import type { DepartmentItem } from '../../shared/contracts/org';
import { C, getById } from './db';
import { AppError } from './errors';

/**
 * A department of one enterprise (flat; the client builds the tree from parentId). Staff counts are
 * computed on read (one aggregation over the enterprise's active persons) rather than kept as a
 * counter, so imports and transfers cannot make them drift.
 */
export interface DepartmentDoc {
  _id: string;
  enterpriseId: string;
  name: string;
  parentId: string | null;
  order: number;
  createdAt: Date;
  updatedAt: Date;
}

export const departmentItem = (d: DepartmentDoc, staffCount = 0): DepartmentItem => ({
  _id: d._id,
  name: d.name,
  parentId: d.parentId ?? null,
  order: d.order ?? 0,
  staffCount,
});

/** A department of the given enterprise: missing → NOT_FOUND, another enterprise's → NOT_IN_SCOPE. */
export async function departmentOf(enterpriseId: string, departmentId: string): Promise<DepartmentDoc> {
  const d = await getById<DepartmentDoc>(C.departments, departmentId);
  if (!d) throw new AppError('NOT_FOUND', '部门不存在或已被删除');
  if (d.enterpriseId !== enterpriseId) throw new AppError('NOT_IN_SCOPE', '该部门不属于本企业');
  return d;
}
