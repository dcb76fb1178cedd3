import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { EngineError, type EngineErrorKind } from '../engine/index.ts';
import { AppError } from './errors.ts';
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
    return new AppError({ status: 400, code: 'MALFORMED_JSON', zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON', fields: [{ field: 'body', message: 'malformed JSON' }] });
  }
  if (e?.type === 'entity.too.large') {
    return new AppError({ status: 413, code: 'PAYLOAD_TOO_LARGE', zh: '请求体过大', en: 'The request body is too large', fields: [{ field: 'body', message: 'too large' }] });
  }
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    return new AppError({ status: 415, code: 'UNSUPPORTED_ENCODING', zh: '不支持的请求编码', en: 'Unsupported request encoding' });
  }
  if (error instanceof mongoose.Error.CastError) {
    return new AppError({ status: 400, code: 'VALIDATION_FAILED', zh: `字段格式有误：${error.path}`, en: `Invalid value for ${error.path}`, fields: [{ field: error.path, message: 'invalid value' }] });
  }
  if (e?.code === 11000) {
    const fields = Object.keys(e.keyValue ?? {});
    return new AppError({ status: 409, code: 'DUPLICATE', zh: `记录已存在：${fields.join('、')}`, en: `Already exists: ${fields.join(', ')}`, fields: fields.map((field) => ({ field, message: 'already exists' })) });
  }
  return undefined;
}

export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError({ status: 404, code: 'ROUTE_NOT_FOUND', zh: `没有这个接口：${req.method} ${req.path}`, en: `No such route: ${req.method} ${req.path}` }));
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = translate(error);
    const appError = known ?? new AppError({ status: 500, code: 'INTERNAL', zh: '服务器内部错误，请稍后再试', en: 'Internal server error' });
    if (!known) logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    if (res.headersSent) return;
    res.status(appError.status).type('application/problem+json').send(JSON.stringify(toProblem(appError)));
  };
}
