import { DEFAULT_REMINDER_FIELDS, reminderFieldsOf, reminderMessage } from './reminders';

describe('reminder messages', () => {
  it('builds the default template data and the course page', () => {
    const m = reminderMessage({ courseId: 'crs1', data: { title: '危险化学品安全管理与应急处置专题培训（2026年度）', dueDate: '2026-12-31', progress: 0.25 } });
    expect(m.page).toBe('pages/learn/course/index?courseId=crs1');
    expect([...m.data.thing1.value].length).toBeLessThanOrEqual(20);
    expect(m.data.thing1.value.endsWith('…')).toBe(true);
    expect(m.data.date2).toEqual({ value: '2026-12-31' });
    expect(m.data.thing3.value).toContain('尽快');
  });

  it('leaves out a date field when the course has no due date (WeChat rejects a non-date there)', () => {
    expect(reminderMessage({ courseId: 'c', data: { title: '课', dueDate: null } }).data.date2).toBeUndefined();
  });

  it('takes a configured mapping, ignoring malformed configuration', () => {
    expect(reminderFieldsOf('{"thing4":"title","thing7":"progress"}')).toEqual({ thing4: 'title', thing7: 'progress' });
    expect(reminderMessage({ courseId: 'c', data: { title: '课', dueDate: null, progress: 0.5 } }, reminderFieldsOf('{"thing7":"progress"}')).data).toEqual({ thing7: { value: '已完成50%' } });
    for (const bad of [undefined, '', 'not json', '[]', '{"x":"title"}', '{"thing1":"password"}']) expect(reminderFieldsOf(bad)).toEqual(DEFAULT_REMINDER_FIELDS);
  });
});
