import express from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import type { Authority } from '../authz/index.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { ProcessService } from './service.ts';
import { DEFAULT_MAX_BPMN_BYTES } from './xml-guard.ts';

const processIdParam = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, 'a BPMN process id (NCName)');

/** Media types under which a BPMN file may be posted as it is, outside a JSON body. */
export const xmlMediaTypes = ['text/xml', 'application/xml', 'application/bpmn+xml'];

/**
 * Process publishing: designers POST a BPMN file (as XML, or as `{ "xml": "…" }` within the JSON body
 * limit), which is validated and deployed as the next version of its process id; anyone signed in
 * may list processes and read a version's XML (the modeler and the director's diagrams need it).
 */
export function processRoutes(api: Api, service: ProcessService, options: { maxXmlBytes?: number; authority?: Authority } = {}): void {
  // The raw XML parser exists for this one route, with its own limit; the app's JSON limit stays small.
  // A middleware (not a route) so the OpenAPI document and the served routes stay one-to-one.
  const rawXml = express.text({ type: xmlMediaTypes, limit: options.maxXmlBytes ?? DEFAULT_MAX_BPMN_BYTES });
  api.router.use('/api/processes', (req, res, next) => (req.method === 'POST' && req.path === '/' ? rawXml(req, res, next) : next()));

  api.add({
    method: 'post', path: '/api/processes', tag: 'processes', access: 'user', ask: ['deployWithoutReview', 'Process'], status: 201,
    summary: 'Publish a BPMN process (text/xml, application/bpmn+xml, or JSON {xml}) as the next version of its process id (designers only)',
    body: z.union([z.string().min(1), z.strictObject({ xml: z.string().min(1).describe('the BPMN 2.0 XML') })]),
    handler: async ({ req, body }) => service.publish(typeof body === 'string' ? body : body.xml, principalOf(req), await options.authority?.abilityOf(req)),
  });

  api.add({
    method: 'get', path: '/api/processes', tag: 'processes', access: 'user', ask: ['read', 'ProcessVersion'],
    summary: 'Published processes with their versions, newest first',
    query: queryObject({}),
    handler: async () => ({ items: await service.list() }),
  });

  api.add({
    method: 'get', path: '/api/processes/:processId/versions', tag: 'processes', access: 'user', ask: ['read', 'ProcessVersion'],
    summary: 'The versions of one process with checksum, author and time, newest first',
    params: z.strictObject({ processId: processIdParam }),
    query: queryObject({}),
    handler: async ({ params }) => ({ items: await service.versions(params.processId) }),
  });

  api.add({
    method: 'get', path: '/api/processes/:processId/versions/:version/xml', tag: 'processes', access: 'user', ask: ['read', 'ProcessVersion'],
    summary: 'The BPMN XML of one version exactly as deployed', produces: 'application/xml',
    params: z.strictObject({ processId: processIdParam, version: z.coerce.number().int().min(1).max(1_000_000) }),
    query: queryObject({}),
    handler: async ({ res, params }) => {
      res.type('application/xml').send(await service.xml(params.processId, params.version));
    },
  });
}
