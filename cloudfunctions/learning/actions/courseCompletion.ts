import { coursesContracts } from '../../../shared/contracts/courses';
import { departmentTotals } from '../../../shared/learning/courseCenter';
import { defineAction } from '../../common/action';
import { completionRows, ownEnterprise, reachingCourse } from '../staffCompletion';

/**
 * 课程中心 detail: every current employee the course reaches, with status and progress; filters by
 * keyword (name), department and status; department totals over everyone reached (unfiltered).
 */
export default defineAction(coursesContracts.courseCompletion, {
  allow: ['enterpriseAdmin'],
  async run({ courseId, keyword, departmentId, status, page, pageSize }, ctx) {
    const ent = await ownEnterprise(ctx);
    const course = await reachingCourse(ent, courseId);
    const rows = (await completionRows(ctx.db, ent, course)).map(({ openid: _o, ...r }) => r);
    const departments = departmentTotals(rows).map(({ departmentId: id, name, done, inProgress, notStarted }) => ({ departmentId: id, name, done, inProgress, notStarted }));
    const ORDER = { notStarted: 0, inProgress: 1, done: 2 } as const;
    const filtered = rows
      .filter((r) => (status === 'all' || r.status === status) && (!departmentId || (departmentId === 'none' ? r.departmentId === null : r.departmentId === departmentId)) && (!keyword || r.name.includes(keyword)))
      .sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-Hans-CN') || a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.personId < b.personId ? -1 : 1));
    return { items: filtered.slice((page - 1) * pageSize, page * pageSize), total: filtered.length, page, pageSize, departments };
  },
});
