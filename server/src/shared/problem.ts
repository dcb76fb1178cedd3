import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { EngineError, type EngineErrorKind } from '../engine/index.ts';
import { AppError, problem } from './errors.ts';
import type { Logger } from './logger.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  message: { zh: string; en: string };
  fields?: Array<{ field: string; message: string }>;
}

function toProblem(error: AppError): Problem {
  return {
    type: `urn:onewindow:problem:${error.code.toLowerCase()}`,
    title: error.message,
    status: error.status,
    code: error.code,
    message: { zh: error.zh, en: error.message },
    ...(error.fields ? { fields: error.fields } : {}),
  };
}

/** The status of each kind of engine refusal (engine/errors.ts); adapters never speak HTTP. */
const ENGINE_STATUS: Record<EngineErrorKind, number> = { notFound: 404, conflict: 409, invalid: 422, unavailable: 502, unsupported: 501 };

/** Errors thrown by the engine, by Express's own parsers and by mongoose, translated to our vocabulary. */
function translate(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof EngineError) {
    return new AppError({ status: ENGINE_STATUS[error.kind], code: error.code, zh: error.zh, en: error.message, fields: error.fields, cause: error });
  }
  const e = error as { type?: string; status?: number; code?: number; keyValue?: object };
  if (e?.type === 'entity.parse.failed') {
    return problem('MALFORMED_JSON', { fields: [{ field: 'body', message: 'malformed JSON' }] });
  }
  if (e?.type === 'entity.too.large') {
    return problem('PAYLOAD_TOO_LARGE', { fields: [{ field: 'body', message: 'too large' }] });
  }
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    return problem('UNSUPPORTED_ENCODING');
  }
  if (error instanceof mongoose.Error.CastError) {
    return problem('VALIDATION_FAILED', { params: { fields: [error.path], wording: 'cast' }, fields: [{ field: error.path, message: 'invalid value' }] });
  }
  if (e?.code === 11000) {
    const fields = Object.keys(e.keyValue ?? {});
    return problem('DUPLICATE', { params: { fields }, fields: fields.map((field) => ({ field, message: 'already exists' })) });
  }
  return undefined;
}

export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(problem('ROUTE_NOT_FOUND', { params: { method: req.method, path: req.path } }));
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = translate(error);
    const appError = known ?? problem('INTERNAL');
    if (!known) logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    if (res.headersSent) return;
    res.status(appError.status).type('application/problem+json').send(JSON.stringify(toProblem(appError)));
  };
}
