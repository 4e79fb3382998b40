/**
 * Course categories, material kinds and points sources with their Chinese names: plain constants without zod, so
 * the mini-program's main package can show them without loading the contracts' schemas.
 * Re-exported by shared/contracts/courses.ts.
 */
export const COURSE_CATEGORIES = ['required', 'knowledge', 'elective'] as const;
export type CourseCategory = (typeof COURSE_CATEGORIES)[number];
export const COURSE_CATEGORY_ZH: Record<CourseCategory, string> = { required: '必学必训', knowledge: '应知应会', elective: '自主学习' };
export const MATERIAL_KINDS = ['video', 'document', 'article'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_ZH: Record<MaterialKind, string> = { video: '视频', document: '文档', article: '图文' };

export const POINTS_SOURCES = ['dailyLogin', 'studyTime', 'courseComplete', 'courseRating', 'examPass'] as const;
export type PointsSource = (typeof POINTS_SOURCES)[number];
export const POINTS_SOURCE_ZH: Record<PointsSource, string> = {
  dailyLogin: '每日登录',
  studyTime: '学习时长',
  courseComplete: '完成课程',
  courseRating: '课程评价',
  examPass: '考试合格',
};
