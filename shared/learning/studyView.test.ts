import type { TaskItem } from '../contracts/learning';
import { isoWeekRange } from '../calendar';
import { certificateVerifyUrl, dueView, formatDuration, formatHours, groupTasks, percent, weekLabel } from './studyView';

const task = (over: Partial<TaskItem>): TaskItem => ({ courseId: 'c', title: 't', category: 'required', progress: 0, status: 'notStarted', dueAt: null, ...over });

describe('groupTasks', () => {
  it('keeps the three categories in order, empty ones too, unfinished first then by due date', () => {
    const groups = groupTasks([
      task({ courseId: 'a', category: 'elective', status: 'done' }),
      task({ courseId: 'b', category: 'required', status: 'done' }),
      task({ courseId: 'c', category: 'required', dueAt: '2026-12-20T00:00:00.000Z' }),
      task({ courseId: 'd', category: 'required', dueAt: '2026-12-10T00:00:00.000Z' }),
      task({ courseId: 'e', category: 'required', status: 'inProgress' }),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['必学必训', '应知应会', '自主学习']);
    expect(groups[0].items.map((t) => t.courseId)).toEqual(['e', 'd', 'c', 'b']);
    expect(groups[0].done).toBe(1);
    expect(groups[1].items).toEqual([]);
    expect(groups[2].done).toBe(1);
  });
});

describe('formatDuration / formatHours / percent', () => {
  it.each([
    [0, '0秒'],
    [45, '45秒'],
    [60, '1分钟'],
    [750, '12分30秒'],
    [3600, '1小时'],
    [3900, '1小时5分'],
    [-5, '0秒'],
  ])('%s s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
  it('hours', () => {
    expect(formatHours(2)).toBe('2学时');
    expect(formatHours(1.25)).toBe('1.3学时');
  });
  it('never shows 100 % before done', () => {
    expect(percent(0.996)).toBe(99);
    expect(percent(1)).toBe(99);
    expect(percent(1, true)).toBe(100);
    expect(percent(-1)).toBe(0);
  });
});

describe('dueView (Shanghai days)', () => {
  const now = Date.parse('2026-12-02T10:00:00Z'); // 18:00 in Shanghai
  it('none without a due date or once done', () => {
    expect(dueView(null, now)).toBeNull();
    expect(dueView('2026-12-01T00:00:00Z', now, true)).toBeNull();
  });
  it('overdue, today, soon, later, next year', () => {
    expect(dueView('2026-12-01T15:00:00Z', now)).toEqual({ text: '已逾期', tone: 'bad' });
    expect(dueView('2026-12-02T15:59:59Z', now)).toEqual({ text: '今天截止', tone: 'warn' });
    expect(dueView('2026-12-04T00:00:00Z', now)).toEqual({ text: '12月4日截止', tone: 'warn' });
    expect(dueView('2026-12-31T00:00:00Z', now)).toEqual({ text: '12月31日截止', tone: 'muted' });
    expect(dueView('2027-01-31T00:00:00Z', now)).toEqual({ text: '2027年1月31日截止', tone: 'muted' });
  });
});

describe('certificateVerifyUrl', () => {
  it('joins the console base and the code whatever the base ends with', () => {
    expect(certificateVerifyUrl('https://c.example.cn/admin/', 'AB23CD45')).toBe('https://c.example.cn/admin/#/verify?code=AB23CD45');
    expect(certificateVerifyUrl('https://c.example.cn/admin', 'AB23CD45')).toBe('https://c.example.cn/admin/#/verify?code=AB23CD45');
    expect(certificateVerifyUrl('https://c.example.cn/admin/#/login', 'AB23CD45')).toBe('https://c.example.cn/admin/#/verify?code=AB23CD45');
  });
});

describe('weekLabel', () => {
  it('names the ISO week and its Monday–Sunday in Shanghai', () => {
    expect(weekLabel('2026-W49', isoWeekRange('2026-W49'))).toBe('第49周（11月30日–12月6日）');
  });
});
