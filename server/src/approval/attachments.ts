import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../auth/index.ts';
import { assertCan, type AppAbility } from '../authz/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import { taskSubject, type TaskDoc } from '../tasks/index.ts';
import { inspectContent } from './attachment-content.ts';
import { record, type ApprovalDeps } from './context.ts';
import { attachmentModel } from './models.ts';

/** Largest attachment stored (bytes); FerretDB and MongoDB keep a document under 16 MiB. */
export const ATTACHMENT_MAX = 5 * 1024 * 1024;

/** Accepted types, told apart by their first bytes — never by the name or the declared type alone. */
const signatures: Array<{ type: string; magic: number[] }> = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export function sniffType(data: Buffer): string | undefined {
  return signatures.find((s) => s.magic.every((b, i) => data[i] === b))?.type;
}

const refused = (code: 'ATTACHMENT_TYPE_REFUSED' | 'ATTACHMENT_EMPTY' | 'ATTACHMENT_TYPE_MISMATCH') => problem(code, { field: 'body' });
const tooLarge = (limit: number) => problem('ATTACHMENT_TOO_LARGE', { params: { limit }, field: 'body' });

/** Reads the raw request body up to the limit; 413 beyond it. */
async function readBody(req: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Stores an attachment of a PDF, PNG or JPEG whose bytes match its declared type. */
export async function addAttachment(deps: ApprovalDeps, ability: AppAbility, principal: Principal, task: TaskDoc, req: Request, name: string) {
  assertCan(ability, 'handle', taskSubject(task));
  const declared = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!signatures.some((s) => s.type === declared)) throw refused('ATTACHMENT_TYPE_REFUSED');
  const lengthHeader = Number(req.headers['content-length'] ?? 0);
  if (lengthHeader > ATTACHMENT_MAX) throw tooLarge(ATTACHMENT_MAX);
  const data = await readBody(req, ATTACHMENT_MAX);
  if (data.length === 0) throw refused('ATTACHMENT_EMPTY');
  if (sniffType(data) !== declared) throw refused('ATTACHMENT_TYPE_MISMATCH');
  inspectContent(declared, data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const at = (deps.clock ?? (() => new Date()))();
  const doc = await attachmentModel(deps.db).create({ taskKey: task._id, caseNumber: task.caseNumber, name, type: declared, size: data.length, sha256, data, by: principal.username, at });
  await record(deps, principal, task, 'attachmentAdded', { attachmentId: String(doc._id), name, type: declared, size: data.length, sha256 });
  return { id: String(doc._id), name, type: declared, size: data.length, sha256 };
}

export async function listAttachments(deps: ApprovalDeps, task: TaskDoc) {
  const docs = await attachmentModel(deps.db).find({ taskKey: task.parentKey ?? task._id }, { data: 0 }).sort({ at: 1 }).lean();
  return { items: docs.map((d) => ({ id: String(d._id), name: d.name, type: d.type, size: d.size, sha256: d.sha256, by: d.by, at: d.at })) };
}

export async function getAttachment(deps: ApprovalDeps, task: TaskDoc, id: string) {
  const doc = /^[a-f0-9]{24}$/.test(id) ? await attachmentModel(deps.db).findOne({ _id: id, taskKey: task._id }).lean() : null;
  if (!doc) throw notFound('attachment');
  const raw = doc.data as unknown;
  return { ...doc, data: Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Uint8Array }).buffer) };
}
