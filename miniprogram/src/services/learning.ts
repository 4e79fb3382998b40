import type { InputOf, OutputOf, learningContracts } from '@shared/contracts';
import { call } from './cloud';

/** Worker actions of function `learning`, through the one typed client (same transport, same password gate). */
type L = typeof learningContracts;
export type LearningAction = keyof L & string;
export type LearningOutput<A extends LearningAction> = OutputOf<L[A]>;

export const learn = <A extends LearningAction>(action: A, input: InputOf<L[A]>): Promise<OutputOf<L[A]>> => call('learning', action, input);

/** Where learning pages live (subpackage `pages/learn`). */
export const LEARN_PAGES = {
  course: (courseId: string) => `/pages/learn/course/index?id=${encodeURIComponent(courseId)}`,
  material: (courseId: string, materialId: string) => `/pages/learn/material/index?course=${encodeURIComponent(courseId)}&material=${encodeURIComponent(materialId)}`,
  points: '/pages/learn/points/index',
  leaderboard: '/pages/learn/leaderboard/index',
  certificates: '/pages/learn/certificates/index',
  certificate: (code: string) => `/pages/learn/certificate/index?code=${encodeURIComponent(code)}`,
  archive: '/pages/learn/archive/index',
} as const;
