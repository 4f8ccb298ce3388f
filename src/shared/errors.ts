/**
 * The one error type of Shuzhi. Every failure a user can cause carries a stable code,
 * an internal message for logs and developers, and a Chinese message for people.
 * Adapters map codes to HTTP statuses and CLI exit codes through {@link ERROR_TABLE}.
 */

/** How each error code surfaces: HTTP status, CLI exit code and the default Chinese message. */
export const ERROR_TABLE = {
  VALIDATION_FAILED: { status: 400, exit: 2, zh: '输入不符合要求' },
  MALFORMED_JSON: { status: 400, exit: 2, zh: '请求体不是合法的 JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, zh: '请求体过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 2, zh: '不支持的内容类型' },
  INVALID_REGION_CODE: { status: 400, exit: 2, zh: '区划或网格编码不合法' },
  INVALID_GEOMETRY: { status: 400, exit: 2, zh: '地理范围不合法' },
  REGION_OUTSIDE_PARENT: { status: 400, exit: 2, zh: '下级区域超出上级区域范围' },
  REGION_OVERLAP: { status: 400, exit: 2, zh: '微网格之间存在重叠' },
  DUPLICATE_REGION_CODE: { status: 409, exit: 2, zh: '编码重复' },
  UNKNOWN_PARENT: { status: 400, exit: 2, zh: '上级区域不存在' },
  REGION_LEVEL_MISMATCH: { status: 400, exit: 2, zh: '区域层级与上级不匹配' },
  UNAUTHENTICATED: { status: 401, exit: 3, zh: '请先登录' },
  INVALID_CREDENTIALS: { status: 401, exit: 3, zh: '用户名或密码错误' },
  TOO_MANY_ATTEMPTS: { status: 429, exit: 3, zh: '尝试次数过多,请稍后再试' },
  FORBIDDEN: { status: 403, exit: 3, zh: '无权执行此操作' },
  NOT_FOUND: { status: 404, exit: 4, zh: '未找到' },
  CONFLICT: { status: 409, exit: 5, zh: '数据已被他人修改,请刷新后重试' },
  ALREADY_EXISTS: { status: 409, exit: 5, zh: '记录已存在' },
  TRANSITION_NOT_ALLOWED: { status: 409, exit: 5, zh: '案件当前状态不允许此操作' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, exit: 2, zh: '幂等键已用于另一个不同的请求' },
  UNKNOWN_CATEGORY: { status: 400, exit: 2, zh: '事件分类不存在或已停用' },
  // Projects, livelihood ballots and supervision
  PHASE_NOT_ALLOWED: { status: 409, exit: 5, zh: '当前阶段不允许此操作' },
  MILESTONE_OUT_OF_ORDER: { status: 400, exit: 2, zh: '节点日期早于前一节点' },
  FUTURE_PERIOD: { status: 400, exit: 2, zh: '不能填报未来月份' },
  VOTING_NOT_OPEN: { status: 409, exit: 5, zh: '投票尚未开始' },
  VOTING_CLOSED: { status: 409, exit: 5, zh: '投票已结束' },
  ALREADY_VOTED: { status: 409, exit: 5, zh: '您已投过票,不能重复投票' },
  TOO_MANY_CHOICES: { status: 400, exit: 2, zh: '选择的项目超过应选名额' },
  NOT_ON_ROLL: { status: 403, exit: 3, zh: '您不在本次会议的代表名单中或未签到' },
  // Reports
  EMPTY_FILE: { status: 400, exit: 2, zh: '文件为空' },
  FILE_TOO_LARGE: { status: 413, exit: 2, zh: '文件过大' },
  NOT_UTF8: { status: 400, exit: 2, zh: '文件不是 UTF-8 编码的文本' },
  INVALID_DOCUMENT: { status: 400, exit: 2, zh: '文件不是有效的 Word 文档(.docx)' },
  BACKUP_INVALID: { status: 400, exit: 6, zh: '备份文件无效' },
  AUDIT_CHAIN_BROKEN: { status: 500, exit: 7, zh: '审计日志校验失败' },
  CONFIG_INVALID: { status: 500, exit: 8, zh: '配置错误' },
  INTERNAL: { status: 500, exit: 1, zh: '服务器内部错误' },
} as const satisfies Record<string, { status: number; exit: number; zh: string }>;

/** A stable, documented error code. */
export type ErrorCode = keyof typeof ERROR_TABLE;

/** Options for {@link AppError}. */
export interface AppErrorOptions {
  /** The input field at fault, as a dotted path (`features.3.geometry`). */
  field?: string;
  /** A message for people, in Chinese; defaults to the code's message. */
  userMessage?: string;
  /** Structured details safe to show to the caller (e.g. per-row problems). */
  details?: unknown;
  cause?: unknown;
}

/** The one application error. `message` is for developers; `userMessage` for people. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly userMessage: string;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.userMessage = options.userMessage ?? ERROR_TABLE[code].zh;
    this.details = options.details;
  }

  /** The HTTP status for this error. */
  get status(): number {
    return ERROR_TABLE[this.code].status;
  }

  /** The CLI exit code for this error. */
  get exitCode(): number {
    return ERROR_TABLE[this.code].exit;
  }
}

/** Shorthand for the "not found" that also hides records outside the actor's scope. */
export function notFound(entity: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${entity} ${id} not found`, { userMessage: `未找到${entityLabel(entity)} ${id}` });
}

function entityLabel(entity: string): string {
  const labels: Record<string, string> = { region: '区域', user: '用户', department: '部门', token: '令牌' };
  return labels[entity] ?? entity;
}

/** True when `error` is an {@link AppError}. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Translates the database errors that bad input can cause into an {@link AppError}:
 * text PostgreSQL cannot store (NUL characters, broken Unicode), malformed values,
 * unique-key races and serialisation conflicts. Returns null for anything else.
 */
export function fromDatabaseError(error: unknown): AppError | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case '22021': // character_not_in_repertoire (e.g. \u0000)
    case '22P05': // untranslatable_character
    case '22P02': // invalid_text_representation
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
      return new AppError('VALIDATION_FAILED', `database rejected a value: ${message}`, {
        userMessage: '输入包含无法保存的字符或格式不正确的值',
        cause: error,
      });
    case '23505': // unique_violation
      return new AppError('ALREADY_EXISTS', `unique violation: ${message}`, { cause: error });
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new AppError('CONFLICT', `concurrent change: ${message}`, { cause: error });
    default:
      return null;
  }
}
