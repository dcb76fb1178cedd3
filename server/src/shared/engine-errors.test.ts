import { expect } from 'chai';
import express from 'express';
import supertest from 'supertest';
import { EngineConflict, EngineError, EngineInvalid, EngineNotFound, EngineUnavailable, EngineUnsupported } from '../engine/index.ts';
import { createLogger } from './logger.ts';
import { problemHandler } from './problem.ts';

/** Adapters throw the port's engine errors; the HTTP layer alone decides what they look like on the wire. */
describe('engine errors at the HTTP edge', () => {
  const refusals: Record<string, EngineError> = {
    notFound: new EngineNotFound({ code: 'TASK_NOT_FOUND', en: 'User task 7 not found or already completed', zh: '任务不存在或已完成' }),
    conflict: new EngineConflict({ code: 'MESSAGE_ALREADY_PUBLISHED', en: 'A message with id m1 was already published', zh: '相同编号的消息已发布' }),
    invalid: new EngineInvalid({ code: 'UNSUPPORTED_ELEMENT', en: 'Element s1 is not supported: scriptTask', zh: '流程元素 s1 不受支持：scriptTask', fields: [{ field: 's1', message: 'scriptTask' }] }),
    unavailable: new EngineUnavailable({ code: 'ENGINE_UNAVAILABLE', en: 'Zeebe did not answer as expected', zh: '工作流引擎暂时不可用' }),
    unsupported: new EngineUnsupported({ code: 'ENGINE_CAPABILITY_MISSING', en: 'The Zeebe gateway API does not offer this', zh: 'Zeebe 网关接口不提供此功能' }),
  };
  const app = express();
  app.get('/refuse/:kind', (req) => { throw refusals[req.params.kind]; });
  app.use(problemHandler(createLogger('silent')));

  const expected: Array<[string, number]> = [['notFound', 404], ['conflict', 409], ['invalid', 422], ['unavailable', 502], ['unsupported', 501]];
  for (const [kind, status] of expected) {
    it(`answers an engine ${kind} with ${status} problem+json carrying the engine's code and both messages`, async () => {
      const res = await supertest(app).get(`/refuse/${kind}`);
      const error = refusals[kind];
      expect(res.status).to.equal(status);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body).to.include({ code: error.code, status });
      expect(res.body.message).to.deep.equal({ zh: error.zh, en: error.message });
      if (error.fields) expect(res.body.fields).to.deep.equal(error.fields);
    });
  }
});
