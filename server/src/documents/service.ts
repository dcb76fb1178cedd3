import { createHash } from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import QRCode from 'qrcode';
import { todayInHall } from '../calendar/index.ts';
import { notFound, problem, validationFailed } from '../shared/errors.ts';
import { newVerificationCode, normaliseCode } from './codes.ts';
import { documentKinds, isDocumentKind, type DocumentKind } from './kinds.ts';
import { issuedDocumentModel, type IssuedDocument } from './model.ts';
import type { PdfRenderer } from './renderer.ts';
import { loadTemplates, type TemplateSet } from './templates.ts';

export interface DocumentServiceDeps {
  db: Connection;
  /** Absent where no browser is wired: issuing then fails with 503, verification still works. */
  renderer?: PdfRenderer;
  /**
   * The hall's public address, printed on every document and in QR codes (`<base>/verify/<code>`);
   * a function when it is known only once the server listens (config.ts `publicBaseUrl`).
   */
  publicBaseUrl?: string | (() => string);
  templates?: TemplateSet;
  clock?: () => Date;
}

export interface IssueRequest {
  kind: string;
  data: Record<string, unknown>;
  /** The case the document belongs to; `caseNumber` is indexed, other string fields are kept. */
  ref?: { caseNumber?: string; [key: string]: unknown };
  issuedBy: string;
  /**
   * Names what the document is issued for (`seal:<decision>`, `certificate:<case>`): issuing the same
   * name again returns the document stored the first time and stores nothing, so a job retried
   * after a crash never leaves a second, unrecorded document. The name fixes the document's id.
   */
  once?: string;
}

export interface IssuedRef {
  documentId: string;
  verificationCode: string;
  sha256: string;
  kind: DocumentKind;
}

export interface Verification {
  code: string;
  genuine: boolean;
  kind?: DocumentKind;
  kindZh?: string;
  issuedOn?: string;
  issuedAt?: string;
  sha256?: string;
}

/**
 * Official documents: render (template → HTML → PDF), store with SHA-256 and a unique
 * verification code, and verify a code for the public. Throws 400 for an unknown kind or
 * incomplete data, 503 DOCUMENTS_UNAVAILABLE when no renderer is wired.
 */
export class DocumentService {
  private readonly model: Model<IssuedDocument>;
  private templateSet?: TemplateSet;

  constructor(private readonly deps: DocumentServiceDeps) {
    this.model = issuedDocumentModel(deps.db);
    this.templateSet = deps.templates;
  }

  private get templates(): TemplateSet {
    this.templateSet ??= loadTemplates();
    return this.templateSet;
  }

  get verifyUrl(): string {
    const base = typeof this.deps.publicBaseUrl === 'function' ? this.deps.publicBaseUrl() : this.deps.publicBaseUrl;
    if (!base) throw problem('DOCUMENTS_UNAVAILABLE', { params: { variant: 'noPublicUrl' } });
    return `${base.replace(/\/$/, '')}/verify`;
  }

  /** Renders waiting for the browser: intake refuses new receipts above its bound (intake/admission.ts). */
  backlog(): number {
    return this.deps.renderer?.backlog?.() ?? 0;
  }

  /** PDF of a document without storing it (previews, samples). */
  async renderPdf(kind: string, data: Record<string, unknown>, code = '——————'): Promise<Buffer> {
    const known = checkKind(kind);
    if (!this.deps.renderer) throw problem('DOCUMENTS_UNAVAILABLE');
    const html = this.templates.render(known, await this.withVerification(known, data, code));
    return this.deps.renderer.render(html);
  }

  /** Renders, stores and returns the document's id and verification code. */
  async issue(request: IssueRequest): Promise<IssuedRef> {
    const kind = checkKind(request.kind);
    const now = (this.deps.clock ?? (() => new Date()))();
    const issuedOn = typeof request.data.issuedOn === 'string' ? request.data.issuedOn : todayInHall(now);
    const _id = request.once === undefined ? undefined : new Types.ObjectId(createHash('sha256').update(request.once).digest('hex').slice(0, 24));
    const stored = _id && await this.model.findById(_id, { code: 1, sha256: 1, kind: 1 }).lean();
    if (stored) return { documentId: String(_id), verificationCode: stored.code, sha256: stored.sha256, kind: stored.kind };
    for (let attempt = 0; ; attempt++) {
      const code = newVerificationCode();
      const pdf = await this.renderPdf(kind, { ...request.data, issuedOn }, code);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      try {
        const doc = await this.model.create({
          ...(_id ? { _id } : {}), kind, caseNumber: request.ref?.caseNumber, ref: stringFields(request.ref), sha256, code,
          issuedAt: now, issuedOn, issuedBy: request.issuedBy, size: pdf.length, pdf,
        });
        return { documentId: doc._id.toString(), verificationCode: code, sha256, kind };
      } catch (error) {
        const raced = _id && await this.model.findById(_id, { code: 1, sha256: 1, kind: 1 }).lean();
        if (raced) return { documentId: String(_id), verificationCode: raced.code, sha256: raced.sha256, kind: raced.kind };
        if ((error as { code?: number }).code !== 11000 || attempt >= 3) throw error;
      }
    }
  }

  /** Whether a code belongs to a document we issued; no personal data in the answer. */
  async verify(input: string): Promise<Verification> {
    const code = normaliseCode(input);
    if (!code) throw validationFailed([{ field: 'params.code', message: 'a verification code has 10 letters and digits' }]);
    const doc = await this.model.findOne({ code }, { kind: 1, issuedOn: 1, issuedAt: 1, sha256: 1 }).lean();
    if (!doc) return { code, genuine: false };
    return { code, genuine: true, kind: doc.kind, kindZh: documentKinds[doc.kind]?.zh, issuedOn: doc.issuedOn, issuedAt: doc.issuedAt.toISOString(), sha256: doc.sha256 };
  }

  /** The stored document with its PDF; throws 404 when there is none. */
  async get(id: string): Promise<IssuedDocument> {
    if (!/^[0-9a-f]{24}$/.test(id)) throw notFound('document');
    const doc = await this.model.findById(id).lean<IssuedDocument>();
    if (!doc) throw notFound('document');
    // a lean read gives BSON Binary, not Buffer
    const raw = doc.pdf as unknown;
    return { ...doc, pdf: Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Uint8Array }).buffer) };
  }

  private async withVerification(kind: DocumentKind, data: Record<string, unknown>, code: string): Promise<Record<string, unknown>> {
    const verification = { code, url: this.verifyUrl };
    if (kind !== 'certificate') return { ...data, verification };
    const qrDataUrl = await QRCode.toDataURL(`${this.verifyUrl}/${code}`, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    return { ...data, verification, qrDataUrl };
  }
}

function checkKind(kind: string): DocumentKind {
  if (!isDocumentKind(kind)) throw validationFailed([{ field: 'kind', message: `unknown document kind: ${String(kind).slice(0, 40)}` }]);
  return kind;
}

function stringFields(ref: object | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ref ?? {})) if (typeof value === 'string' && key !== 'caseNumber') out[key] = value;
  return out;
}
