import { ERROR_MESSAGES, type ErrorCode } from '../../shared/errors';

/** Thrown by actions; the router turns it into `{ ok: false, code, message, details }`. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly details?: unknown,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
  }
}

export const fail = (code: ErrorCode, message?: string, details?: unknown): never => {
  throw new AppError(code, message, details);
};
