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
  PASSWORD_WEAK: '密码至少8位，且需同时包含字母和数字',
  PASSWORD_MISMATCH: '原密码不正确',
  PASSWORD_CHANGE_REQUIRED: '首次登录请先修改初始密码',
  PERSON_EXISTS: '该身份证号已注册，请直接登录',
  PERSON_NOT_FOUND: '人员不存在',
  PERSON_EMPLOYED_ELSEWHERE: '该人员已在其他企业任职',
  ENTERPRISE_EXISTS: '该统一社会信用代码已注册企业',
  ENTERPRISE_NOT_FOUND: '企业不存在或未登记',
  USERNAME_TAKEN: '用户名已被使用',
  CONSENT_REQUIRED: '请先阅读并同意个人信息保护说明',
  REQUEST_NOT_PENDING: '该申请已处理，无需重复操作',
  REQUEST_ALREADY_PENDING: '已有待审核的申请，请等待审核结果',
  DEPARTMENT_NOT_EMPTY: '部门下仍有人员或下级部门，不能删除',
  DEPARTMENT_CYCLE: '不能将部门移动到其自身或下级部门之下',
  IMPORT_INVALID: '导入文件存在错误，请修正后重新导入',
  IMPORT_TOO_LARGE: '导入文件行数或大小超出限制',
  FILE_TOO_LARGE: '文件过大',
  PAYLOAD_TOO_LARGE: '请求数据过大（超过100KB），大文件请先上传',
  FILE_NOT_FOUND: '文件不存在',
  UPLOAD_QUOTA_EXCEEDED: '今日上传文件已达上限，请明天再试',
  COURSE_NOT_AVAILABLE: '该课程未推送给您或已下架',
  COURSE_NOT_EDITABLE: '已发布的课程不能直接修改，请创建新版本',
  COURSE_NOT_FINISHED: '完成课程后才能评价',
  PUSH_RULE_OUT_OF_SCOPE: '推送范围超出了您的管辖地区或行业',
  STUDY_SESSION_REPLACED: '您已在其他设备或页面开始学习，本页面的学习已结束',
  STUDY_SESSION_ENDED: '本次学习已结束，请重新进入学习',
  IDENTITY_CHECK_REQUIRED: '请先完成人脸核验再继续学习',
  CERTIFICATE_NO_HOURS: '暂无可出具学时证明的线上学习记录',
  EXAM_NOT_AVAILABLE: '该考试未向您发布或已取消',
  EXAM_NOT_OPEN: '考试尚未开始',
  EXAM_CLOSED: '考试已结束',
  EXAM_ATTEMPTS_EXHAUSTED: '考试次数已用完',
  EXAM_ALREADY_PASSED: '您已通过本次考试，无需再考',
  EXAM_NOT_EDITABLE: '考试已发布，不能修改试卷和时间设置',
  ATTEMPT_EXPIRED: '考试时间已到，答卷已按已保存的答案自动提交',
  ATTEMPT_SUBMITTED: '试卷已提交，不能再修改答案',
  ATTEMPT_NOT_GRADED: '试卷尚未评分',
  ATTEMPT_ALREADY_MARKED: '该答卷已被标记为作弊',
  ANSWER_INVALID: '答案格式不正确或不在本题选项中',
  ANSWER_LOCKED: '本题已作答并查看解析，不能修改答案',
  REVIEW_NOT_ALLOWED: '本次考试不允许查看答卷',
  APPEAL_NOT_ALLOWED: '当前不能对该题提出申诉',
  APPEAL_EXISTS: '您已对该题提出过申诉',
  APPEAL_NOT_PENDING: '该申诉已处理',
  QUESTION_INVALID: '试题内容有误，请检查后重试',
  QUESTION_DUPLICATE: '题库中已有相同题干的题目',
  QUESTION_BANK_NOT_EMPTY: '题库中仍有试题，不能删除',
  DRAWING_RULE_INVALID: '抽题规则有误：题目数量不足或总分与满分不一致',
  DRAW_POOL_SHORT: '题库中可用题目不足，无法组卷，请联系考试组织者',
  SPOT_CODE_INVALID: '考试码不正确或已过期',
  SCORE_UPLOAD_INVALID: '成绩文件存在错误，请修正后重新上传',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);

/** Every action answers with this shape (as `callFunction` would return it). */
export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; code: ErrorCode; message: string; details?: unknown };
export type Result<T> = Ok<T> | Fail;
