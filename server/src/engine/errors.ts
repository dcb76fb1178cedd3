/**
 * What an engine adapter throws when it refuses a call, declared beside the port so features and the
 * HTTP layer can tell the refusals apart without knowing an adapter. Each carries a stable English
 * `code` (the same on both adapters for the same fault, e.g. TASK_NOT_FOUND), an English message, a
 * Chinese message for the people who draw and run the processes, and the BPMN elements at fault.
 * The HTTP layer (shared/problem.ts) maps the kinds to statuses; adapters never speak HTTP.
 */

export interface EngineFieldProblem {
  /** The BPMN element (or request part) at fault. */
  field: string;
  message: string;
}

export interface EngineErrorOptions {
  code: string;
  en: string;
  zh: string;
  fields?: EngineFieldProblem[];
  cause?: unknown;
}

export type EngineErrorKind = 'notFound' | 'conflict' | 'invalid' | 'unavailable' | 'unsupported';

export abstract class EngineError extends Error {
  abstract readonly kind: EngineErrorKind;
  readonly code: string;
  readonly zh: string;
  readonly fields?: EngineFieldProblem[];

  constructor(options: EngineErrorOptions) {
    super(options.en, { cause: options.cause });
    this.code = options.code;
    this.zh = options.zh;
    this.fields = options.fields;
  }
}

/** The process, instance, scope, task or incident named does not exist (or is gone). */
export class EngineNotFound extends EngineError {
  readonly kind = 'notFound';
}

/** The call clashes with the engine's state: a duplicate message, a precondition the state fails. */
export class EngineConflict extends EngineError {
  readonly kind = 'conflict';
}

/** The engine refuses the input itself: a BPMN that does not parse or uses what is not supported. */
export class EngineInvalid extends EngineError {
  readonly kind = 'invalid';
}

/** The engine did not answer as it should; the caller may retry. */
export class EngineUnavailable extends EngineError {
  readonly kind = 'unavailable';
}

/** The adapter cannot do this at all (e.g. the Zeebe gateway API offers no such call). */
export class EngineUnsupported extends EngineError {
  readonly kind = 'unsupported';
}

/** `<what> not found` / `<zhWhat>不存在`, code NOT_FOUND unless given. */
export const engineNotFound = (what: string, zhWhat: string, code = 'NOT_FOUND') =>
  new EngineNotFound({ code, en: `${what} not found`, zh: `${zhWhat}不存在` });
