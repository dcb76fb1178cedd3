/**
 * One error type for everything the platform refuses on purpose. The HTTP layer turns it into
 * `application/problem+json` (RFC 9457) with a stable English `code` that the UI translates, and
 * Chinese and English messages — all taken from the catalogue (error-catalogue/), never written
 * at the place that throws.
 */
import { errorCatalogue, type ErrorCode, type ErrorParams, type NotFoundSubject } from './error-catalogue/index.ts';

export type { ErrorCode } from './error-catalogue/index.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

interface AppErrorOptions {
  status: number;
  /** A catalogue code, or an engine error's code passed on by the HTTP layer. */
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

  /** Use `problem(code, …)`; only the HTTP layer (engine errors) and subclasses (authz's AuthorityRefused) construct one. */
  constructor(options: AppErrorOptions) {
    super(options.en, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.zh = options.zh;
    this.fields = options.fields;
  }
}

interface ProblemOptions {
  /** The fields at fault, each with a short English note. */
  fields?: FieldProblem[];
  /** Shortcut for one field whose note is the English message. */
  field?: string;
  cause?: unknown;
}

/** Parameters are required when the code's messages need them, optional when all are optional, refused when there are none. */
type ProblemArgs<C extends ErrorCode> = [ErrorParams<C>] extends [void]
  ? [options?: ProblemOptions]
  : object extends ErrorParams<C>
    ? [options?: ProblemOptions & { params?: ErrorParams<C> }]
    : [options: ProblemOptions & { params: ErrorParams<C> }];

/** The options of `code` as `problem` reads them (for helpers that build the object first). */
export type ProblemOptionsOf<C extends ErrorCode> = NonNullable<ProblemArgs<C>[0]>;

/** Builds the error of `code` with the catalogue's status and messages. */
export function problem<C extends ErrorCode>(code: C, ...[options]: ProblemArgs<C>): AppError {
  const entry = errorCatalogue[code] as unknown as { status: number; zh: (p: unknown) => string; en: (p: unknown) => string };
  const opts = (options ?? {}) as ProblemOptions & { params?: unknown };
  const en = entry.en(opts.params);
  const fields = opts.fields ?? (opts.field ? [{ field: opts.field, message: en }] : undefined);
  return new AppError({ status: entry.status, code, zh: entry.zh(opts.params), en, fields, cause: opts.cause });
}

/** The same refusal said of one part of a request (a bundle's member): its texts prefixed, its fields renamed. */
export function refusalOfPart(error: AppError, prefix: { zh: string; en: string }, field: (name: string) => string): AppError {
  return new AppError({
    status: error.status, code: error.code, zh: `${prefix.zh}${error.zh}`, en: `${prefix.en}${error.message}`,
    fields: (error.fields ?? [{ field: 'body', message: error.message }]).map((f) => ({ field: field(f.field), message: f.message })),
  });
}

/** 404 NOT_FOUND naming what is missing (and its id, in English). */
export const notFound = (subject: NotFoundSubject, id?: string) => problem('NOT_FOUND', { params: { subject, id } });

/** 400 VALIDATION_FAILED listing the fields at fault. */
export const validationFailed = (fields: FieldProblem[]) =>
  problem('VALIDATION_FAILED', { params: { fields: fields.map((f) => f.field) }, fields });
