/**
 * One error type for everything the platform refuses on purpose. The HTTP layer turns it into
 * `application/problem+json` (RFC 9457) with a stable English `code` that the UI translates, and
 * Chinese and English messages.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  status: number;
  code: string;
  zh: string;
  en: string;
  fields?: FieldProblem[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly zh: string;
  readonly fields?: FieldProblem[];

  constructor(options: AppErrorOptions) {
    super(options.en, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.zh = options.zh;
    this.fields = options.fields;
  }
}

export const notFound = (what: string, zhWhat: string) =>
  new AppError({ status: 404, code: 'NOT_FOUND', zh: `${zhWhat}不存在`, en: `${what} not found` });

export const forbidden = (en = 'You may not do this', zh = '您无权执行此操作') =>
  new AppError({ status: 403, code: 'FORBIDDEN', zh, en });

export const unauthenticated = (en = 'Sign-in required', zh = '请先登录') =>
  new AppError({ status: 401, code: 'UNAUTHENTICATED', zh, en });

export const validationFailed = (fields: FieldProblem[]) =>
  new AppError({
    status: 400,
    code: 'VALIDATION_FAILED',
    zh: `请求数据有误：${fields.map((f) => f.field).join('、')}`,
    en: `Invalid request: ${fields.map((f) => f.field).join(', ')}`,
    fields,
  });

export const conflict = (code: string, en: string, zh: string) =>
  new AppError({ status: 409, code, zh, en });
