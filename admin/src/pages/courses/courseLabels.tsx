import { Tag } from 'antd';
import { COURSE_CATEGORY_ZH, type CourseCategory, type CourseStatus } from '@shared/contracts/courses';

export const STATUS_ZH: Record<CourseStatus, string> = { draft: '草稿', published: '已发布', unpublished: '已下架' };
const STATUS_COLOR: Record<CourseStatus, string> = { draft: 'default', published: 'success', unpublished: 'warning' };
const CATEGORY_COLOR: Record<CourseCategory, string> = { required: 'red', knowledge: 'blue', elective: 'cyan' };

export const StatusTag = ({ status }: { status: CourseStatus }) => (
  <Tag color={STATUS_COLOR[status]} bordered={false} data-testid="course-status">
    {STATUS_ZH[status]}
  </Tag>
);

export const CategoryTag = ({ category }: { category: CourseCategory }) => (
  <Tag color={CATEGORY_COLOR[category]} bordered={false}>
    {COURSE_CATEGORY_ZH[category]}
  </Tag>
);

export const CATEGORY_OPTIONS = (Object.keys(COURSE_CATEGORY_ZH) as CourseCategory[]).map((c) => ({ value: c, label: COURSE_CATEGORY_ZH[c] }));
