import { CloudError } from '@shared/client';

/** What to show a person for a failed call: the function's Chinese message when it sent one. */
export function errorMessage(err: unknown): string {
  if (err instanceof CloudError) return err.message;
  return '加载失败，请稍后重试';
}
