import { learningFunctionContracts as c } from './learning';
import { courseFields } from './courses';

describe('learning contracts', () => {
  it('checkpoint: a claimed duration is not part of the input (stripped), hidden is optional', () => {
    const parsed = c.checkpoint.input.parse({ sessionId: 's1', seconds: 3600, creditedSeconds: 9999, hidden: true });
    expect(parsed).toEqual({ sessionId: 's1', hidden: true });
    expect(c.checkpoint.input.safeParse({}).success).toBe(false);
    expect(c.checkpoint.input.safeParse({ sessionId: 's1', hidden: 'yes' }).success).toBe(false);
  });

  it('startStudy and getCourse need their ids', () => {
    expect(c.startStudy.input.safeParse({ courseId: 'c1' }).success).toBe(false);
    expect(c.startStudy.input.parse({ courseId: 'c1', materialId: 'm1' })).toEqual({ courseId: 'c1', materialId: 'm1' });
    expect(c.getCourse.input.safeParse({ courseId: '' }).success).toBe(false);
    expect(c.myTasks.input.parse({})).toEqual({});
  });

  it('a course: defaults (any push rule, no face check), materials of each kind, limits', () => {
    const course = courseFields.parse({
      title: '有限空间作业安全',
      category: 'required',
      creditedHours: 1.5,
      materials: [
        { kind: 'video', title: '事故案例', fileID: 'cloud://x/v.mp4', durationSeconds: 600, requiredSeconds: 600 },
        { kind: 'document', title: '操作规程', fileID: 'cloud://x/d.pdf', pages: 12, requiredSeconds: 300 },
        { kind: 'article', title: '要点', html: '<p>先通风、再检测、后作业</p>', requiredSeconds: 120 },
      ],
    });
    expect(course.pushRule.regionCodes).toEqual([]);
    expect(course.identityCheck).toEqual({ mode: 'none' });
    expect(course.dueDate).toBeNull();
    const bad = (patch: object) => courseFields.safeParse({ ...course, ...patch }).success;
    expect(bad({ category: 'mandatory' })).toBe(false);
    expect(bad({ creditedHours: 1.2 })).toBe(false);
    expect(bad({ materials: [] })).toBe(false);
    expect(bad({ materials: [{ kind: 'video', title: '无文件', durationSeconds: 10, requiredSeconds: 60 }] })).toBe(false);
    expect(bad({ materials: [{ kind: 'article', title: '太短', html: 'x', requiredSeconds: 5 }] })).toBe(false);
    expect(bad({ identityCheck: { mode: 'interval', intervalMinutes: 1 } })).toBe(false);
    expect(bad({ pushRule: { industries: ['coal'] } })).toBe(false);
    expect(bad({ title: '标题\u202e反转' })).toBe(false);
  });

  it('verifyCertificate normalises the short code', () => {
    expect(c.verifyCertificate.input.parse({ code: ' ab12cd34 ' })).toEqual({ code: 'AB12CD34' });
    expect(c.verifyCertificate.input.safeParse({ code: 'AB12' }).success).toBe(false);
  });

  it('every action has an input schema', () => {
    for (const [name, k] of Object.entries(c)) expect({ name, parses: typeof k.input.safeParse }).toEqual({ name, parses: 'function' });
  });
});

describe('updateCourse', () => {
  it('a partial update names only what it changes (no defaults fill the rest)', () => {
    expect(c.updateCourse.input.parse({ courseId: 'c1', title: '新标题' })).toEqual({ courseId: 'c1', title: '新标题' });
    expect(c.updateCourse.input.parse({ courseId: 'c1', pushRule: { industries: ['textile', 'machinery'] } }).pushRule?.industries).toEqual(['machinery', 'textile']);
  });
});
