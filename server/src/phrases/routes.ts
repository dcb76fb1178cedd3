import type { Connection } from 'mongoose';
import { principalOf } from '../auth/index.ts';
import { assertCan, type Authority } from '../authz/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import { queryObject, type Api } from '../shared/http.ts';
import { defaultPhrases, phraseModel } from './model.ts';
import { PHRASES_MAX, phraseBody, phraseParams } from './schemas.ts';

/**
 * 常用语: each approver's own opinion phrases. Only staff who may handle tasks keep them
 * (`handle Task`), and each reads and changes only their own: another user's phrase id answers 404.
 */
export function phraseRoutes(api: Api, deps: { db: Connection; authority: Authority }): void {
  const phrases = phraseModel(deps.db);
  const owner = async (req: Parameters<Authority['abilityOf']>[0]) => {
    assertCan(await deps.authority.abilityOf(req), 'handle', 'Task');
    return principalOf(req).userId;
  };
  const list = async (userId: string) => {
    const mine = await phrases.find({ userId }).lean();
    mine.sort((a, b) => +a.createdAt - +b.createdAt);
    return { items: mine.map((p) => ({ id: String(p._id), text: p.text })), defaults: mine.length ? [] : defaultPhrases };
  };

  api.add({
    method: 'get', path: '/api/phrases', tag: 'phrases', access: 'user', ask: ['handle', 'Task'], summary: 'My 常用语 (suggested defaults while I have none)',
    query: queryObject({}), handler: async ({ req }) => list(await owner(req)),
  });

  api.add({
    method: 'post', path: '/api/phrases', tag: 'phrases', access: 'user', ask: ['handle', 'Task'], status: 201, summary: 'Save a 常用语 (saving one I have already changes nothing)',
    body: phraseBody,
    handler: async ({ req, body }) => {
      const userId = await owner(req);
      if (!(await phrases.exists({ userId, text: body.text })) && (await phrases.countDocuments({ userId })) >= PHRASES_MAX) {
        throw problem('PHRASES_FULL', { params: { max: PHRASES_MAX }, fields: [{ field: 'body.text', message: 'delete one first' }] });
      }
      try {
        await phrases.create({ userId, text: body.text, createdAt: new Date() });
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
      return list(userId);
    },
  });

  api.add({
    method: 'delete', path: '/api/phrases/:id', tag: 'phrases', access: 'user', ask: ['handle', 'Task'], summary: 'Delete one of my 常用语',
    params: phraseParams, query: queryObject({}),
    handler: async ({ req, params }) => {
      const userId = await owner(req);
      const gone = await phrases.deleteOne({ _id: params.id, userId });
      if (gone.deletedCount !== 1) throw notFound('phrase');
      return list(userId);
    },
  });
}
