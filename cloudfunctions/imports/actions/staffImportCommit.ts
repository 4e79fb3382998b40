import { importsContracts } from '../../../shared/contracts/imports';
import { importInitialPassword } from '../../../shared/staffImport';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { personIdentity } from '../../common/persons';
import { regionFieldsOf } from '../../../shared/regions';
import { classify, derivedId, hashInitialPassword, IN_BATCH, loadStaffFile, ownEnterpriseId, changesFor, type Classified } from '../staffImportFile';

interface EnterpriseDoc {
  _id: string;
  name: string;
  regionCode: string;
  industry?: string;
  supervisionType?: string;
  keyAreas?: string[];
  scale?: string;
}

/**
 * Commits rows [offset, offset+limit) of a file without problems. Idempotent: persons have
 * deterministic ids, employments and change-of-employer requests ids derived from the person, the
 * enterprise and the file's content hash, and rows already matching are left alone — a retried
 * chunk or the same file imported again changes nothing.
 */
export default defineAction(importsContracts.staffImportCommit, {
  allow: ['enterpriseAdmin'],
  async run({ fileID, offset, limit }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx);
    const { db } = ctx;
    const _ = db.command;
    const [file, ent] = await Promise.all([loadStaffFile(ctx, fileID, enterpriseId), getById<EnterpriseDoc>(C.enterprises, enterpriseId)]);
    if (file.problems.length) throw new AppError('IMPORT_INVALID', `导入文件有${file.problems.length}处错误，请修正后重新上传`, { problems: file.problems });
    if (!ent) throw new AppError('ENTERPRISE_NOT_FOUND');
    const slice = file.rows.slice(offset, offset + limit);
    const now = ctx.now();
    const result = { processed: Math.min(offset + slice.length, file.rows.length), total: file.rows.length, done: offset + slice.length >= file.rows.length, created: 0, updated: 0, transfers: 0 };
    if (!slice.length) return result;

    const rows = await classify(ctx, slice, enterpriseId);
    const creates = rows.filter((c) => c.kind === 'create');
    const updates = rows.filter((c) => c.kind === 'update');
    const transfers = rows.filter((c) => c.kind === 'transfer');
    const joining = [...creates, ...updates.filter((c) => c.joins)];
    const entFields = {
      enterpriseId,
      enterpriseName: ent.name,
      ...regionFieldsOf(ent.regionCode),
      industry: ent.industry,
      supervisionType: ent.supervisionType,
      keyAreas: ent.keyAreas ?? [],
      scale: ent.scale,
    };

    // 1. Employment history first: if a later step fails, the retry finds these and skips them.
    if (joining.length) {
      const empId = (c: Classified) => derivedId('em', c.personId, enterpriseId, file.hash);
      const ids = joining.map(empId);
      const have = await db.collection(C.employments).where({ _id: _.in(ids) }).field({ _id: true }).limit(IN_BATCH).get();
      const haveIds = new Set(have.data.map((d) => d._id));
      const missing = joining.filter((c) => !haveIds.has(empId(c)));
      if (missing.length)
        await db.collection(C.employments).add({
          data: missing.map((c) => ({ _id: empId(c), personId: c.personId, enterpriseId, enterpriseName: ent.name, from: now, to: null, source: 'import' })),
        });
    }

    // 2. New persons, in one batch write.
    if (creates.length) {
      const docs = await Promise.all(
        creates.map(async ({ row }) => ({
          ...personIdentity(row.idNumber),
          name: row.name,
          ...(row.phone ? { phone: row.phone } : {}),
          status: 'active',
          ...entFields,
          departmentId: row.departmentId,
          departmentName: row.departmentId ? row.departmentName : null,
          postCategory: row.postCategory,
          employmentType: row.employmentType,
          certificates: row.certificates,
          passwordHash: await hashInitialPassword(importInitialPassword(row.idNumber)),
          mustChangePassword: true,
          openid: null,
          createdAt: now,
          updatedAt: now,
          createdBy: 'import',
        })),
      );
      try {
        await db.collection(C.persons).add({ data: docs });
      } catch (e) {
        ctx.log('persons batch add failed', { error: String((e as Error)?.message ?? e) });
        throw new AppError('CONFLICT', '部分人员刚被他人添加，请重新导入（已导入的不会重复）');
      }
    }

    // 3. Updates: one write per changed person (different data each), in parallel.
    await Promise.all(
      updates.map((c) => {
        const data: Record<string, unknown> = { ...changesFor(c.row, c.existing!), updatedAt: now };
        if (c.joins) Object.assign(data, entFields, { status: 'active', departmentId: c.row.departmentId, departmentName: c.row.departmentId ? c.row.departmentName : null });
        return db.collection(C.persons).doc(c.personId).update({ data });
      }),
    );
    // A self-registration pending here is settled by the admin's import.
    const pendingHere = updates.filter((c) => c.existing!.status === 'pending' && c.existing!.enterpriseId === enterpriseId);
    if (pendingHere.length) {
      await db
        .collection(C.requests)
        .where({ personId: _.in(pendingHere.map((c) => c.personId)), enterpriseId, type: 'registration', status: 'pending' })
        .update({ data: { status: 'approved', decidedAt: now, decidedBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : null, decidedByName: '批量导入' } });
    }

    // 4. Employed elsewhere: a change-of-employer request, never a silent move.
    if (transfers.length) {
      const pending = await db
        .collection(C.requests)
        .where({ personId: _.in(transfers.map((c) => c.personId)), enterpriseId, status: 'pending' })
        .field({ personId: true })
        .limit(IN_BATCH)
        .get<{ _id: string; personId: string }>();
      const already = new Set(pending.data.map((r) => r.personId));
      const fresh = transfers.filter((c) => !already.has(c.personId));
      if (fresh.length) {
        await db.collection(C.requests).add({
          data: fresh.map(({ row, personId, existing }) => ({
            _id: derivedId('rq', personId, enterpriseId, file.hash),
            type: 'changeEmployer',
            status: 'pending',
            personId,
            personName: existing!.name,
            idMasked: existing!.idMasked,
            postCategory: row.postCategory,
            employmentType: row.employmentType,
            departmentId: row.departmentId,
            certificates: row.certificates,
            enterpriseId,
            enterpriseName: ent.name,
            fromEnterpriseId: existing!.enterpriseId,
            fromEnterpriseName: existing!.enterpriseName,
            source: 'import',
            createdAt: now,
          })),
        });
      }
      result.transfers = fresh.length;
    }

    // 5. Counters: enterprise staff, and departments by delta.
    const deptDelta = new Map<string, number>();
    const bump = (id: string | null | undefined, n: number) => id && deptDelta.set(id, (deptDelta.get(id) ?? 0) + n);
    for (const c of joining) bump(c.row.departmentId, 1);
    for (const c of updates) {
      if (c.joins || !c.row.departmentId || c.row.departmentId === c.existing!.departmentId) continue;
      bump(c.existing!.departmentId, -1);
      bump(c.row.departmentId, 1);
    }
    await Promise.all([
      joining.length ? db.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: _.inc(joining.length), updatedAt: now } }) : null,
      ...[...deptDelta].filter(([, n]) => n !== 0).map(([id, n]) => db.collection(C.departments).doc(id).update({ data: { staffCount: _.inc(n) } })),
    ]);

    result.created = creates.length;
    result.updated = updates.length;
    if (creates.length || updates.length || result.transfers)
      await ctx.audit({
        action: 'staffImportCommit',
        targetType: 'enterprise',
        targetId: enterpriseId,
        details: { fileHash: file.hash, offset, limit, created: result.created, updated: result.updated, transfers: result.transfers },
      });
    return result;
  },
});
