/** Arrangements shared by the learning action tests (not shipped: only index.ts and its imports are bundled). */
import type { CourseDetail, CourseFieldsInput } from '../../shared/contracts/courses';
import { expectOk, type TestCloud } from '../common/testing';

let seq = 0;

/** A valid course with one article (no uploads needed). */
export function courseInput(overrides: Partial<CourseFieldsInput> = {}): CourseFieldsInput {
  seq++;
  return {
    title: `安全生产培训${seq}`,
    category: 'required',
    description: '测试课程',
    creditedHours: 1,
    materials: [{ kind: 'article', title: '安全须知', html: '<h2>安全须知</h2><p>进入车间必须佩戴安全帽。</p>', requiredSeconds: 60 }],
    ...overrides,
  };
}

export const learning = <T = unknown>(cloud: TestCloud, token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('learning', { action, ...input }, { sessionToken: token });

export async function createCourse(cloud: TestCloud, token: string, overrides: Partial<CourseFieldsInput> = {}): Promise<CourseDetail> {
  return expectOk(await learning<{ course: CourseDetail }>(cloud, token, 'createCourse', { ...courseInput(overrides) })).course;
}

export async function publishedCourse(cloud: TestCloud, token: string, overrides: Partial<CourseFieldsInput> = {}): Promise<CourseDetail> {
  const c = await createCourse(cloud, token, overrides);
  return expectOk(await learning<{ course: CourseDetail }>(cloud, token, 'publishCourse', { courseId: c._id })).course;
}
