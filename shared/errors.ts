/**
 * Stable error codes with their default Chinese messages. Clients switch on `code`;
 * `message` is what a person reads. Add codes here only — never rename one.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '输入内容有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '无权执行此操作',
  NOT_IN_SCOPE: '无权访问管辖范围以外的数据',
  NOT_FOUND: '数据不存在或已被删除',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后重试',
  LOGIN_FAILED: '用户名或密码错误',
  ACCOUNT_LOCKED: '连续登录失败次数过多，账号已临时锁定',
  ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  ID_NUMBER_INVALID: '身份证号码格式或校验位不正确',
  CREDIT_CODE_INVALID: '统一社会信用代码格式或校验位不正确',
  REGION_INVALID: '行政区划不正确',
  FILE_TOO_LARGE: '文件过大',
  PAYLOAD_TOO_LARGE: '请求数据过大（超过100KB），大文件请先上传',
  FILE_NOT_FOUND: '文件不存在',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);

/** Every action answers with this shape (as `callFunction` would return it). */
export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; code: ErrorCode; message: string; details?: unknown };
export type Result<T> = Ok<T> | Fail;
