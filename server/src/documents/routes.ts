import type { Request } from 'express';
import { z } from 'zod';
import { mayReadDocument, type Authority, type CaseAccessFields } from '../authz/index.ts';
import { notFound } from '../shared/errors.ts';
import { queryObject, type Api } from '../shared/http.ts';
import type { IssuedDocument } from './model.ts';
import type { DocumentService } from './service.ts';

export interface DocumentRouteDeps {
  documents: DocumentService;
  authority: Authority;
  /** The case a document belongs to, as it stands now (its access fields); null when unknown. */
  caseOf(caseNumber: string): Promise<CaseAccessFields | null>;
}

const documentId = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, 'a document id') });

/** Public verification of a code, and the PDF of an issued document for signed-in staff. */
export function documentRoutes(api: Api, deps: DocumentRouteDeps): void {
  const { documents } = deps;
  /** The document if the user may read its case; 404 otherwise, so its existence is not disclosed. */
  const readable = async (req: Request, id: string): Promise<IssuedDocument> => {
    const doc = await documents.get(id);
    const caseRecord = doc.caseNumber ? await deps.caseOf(doc.caseNumber) : null;
    if (!mayReadDocument(await deps.authority.abilityOf(req), doc, caseRecord)) throw notFound('document');
    return doc;
  };

  api.add({
    method: 'get', path: '/api/public/documents/verify/:code', tag: 'documents', access: 'public',
    summary: 'Whether a verification code belongs to a document the hall issued (kind, date, SHA-256; no personal data)',
    params: z.strictObject({ code: z.string().min(1).max(40) }),
    query: queryObject({}),
    handler: ({ params }) => documents.verify(params.code),
  });

  api.add({
    method: 'get', path: '/api/documents/:id', tag: 'documents', access: 'user', ask: ['read', 'Document'],
    summary: 'What is recorded about an issued document (without the PDF)',
    params: documentId,
    query: queryObject({}),
    handler: async ({ req, params }) => {
      const doc = await readable(req, params.id);
      const { pdf: _pdf, _id, ...meta } = doc;
      return { id: _id.toString(), ...meta };
    },
  });

  api.add({
    method: 'get', path: '/api/documents/:id/pdf', tag: 'documents', access: 'user', ask: ['read', 'Document'], produces: 'application/pdf',
    summary: 'The PDF of an issued document, byte for byte as issued',
    params: documentId,
    query: queryObject({}),
    handler: async ({ req, res, params }) => {
      const doc = await readable(req, params.id);
      res.status(200).type('application/pdf')
        .set('Content-Disposition', `inline; filename="${doc.kind}-${doc.code}.pdf"`)
        .set('X-Content-SHA256', doc.sha256)
        .set('Cache-Control', 'private, no-store')
        .send(doc.pdf);
    },
  });
}
