import type { Connection } from 'mongoose';
import { z } from 'zod';
import { principalOf } from '../auth/index.ts';
import { assertCan, subjectOf, type Authority } from '../authz/index.ts';
import { maskName } from '../intake/index.ts';
import { notFound, problem } from '../shared/errors.ts';
import type { Api } from '../shared/http.ts';
import { certificateModel, type Certificate } from './certificate.model.ts';

const code = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{10}$/, 'a verification code has 10 letters and digits');

export function publicCertificateView(cert: Certificate, today: string) {
  const expired = Boolean(cert.validTo && cert.validTo < today);
  return {
    genuine: true,
    status: cert.status === 'revoked' ? 'revoked' : expired ? 'expired' : 'valid',
    statusName: cert.status === 'revoked' ? { zh: '已撤销', en: 'Revoked' } : expired ? { zh: '已过期', en: 'Expired' } : { zh: '有效', en: 'Valid' },
    number: cert.number,
    title: cert.title,
    holder: maskName(cert.holder.name),
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    revokedAt: cert.revokedAt,
  };
}

/** Certificate registry routes: public verification (the QR code's target) and revocation. */
export function issuingRoutes(api: Api, deps: { db: Connection; authority: Authority; today: () => string }): void {
  const certificates = certificateModel(deps.db);

  api.add({
    method: 'get', path: '/api/public/certificates/:code', tag: 'public', access: 'public',
    summary: 'Is this certificate genuine, valid or revoked? (holder name masked)',
    params: z.strictObject({ code }),
    handler: async ({ params }) => {
      const cert = await certificates.findOne({ verificationCode: params.code }).lean<Certificate>();
      if (!cert) return { genuine: false, status: 'unknown', statusName: { zh: '查无此证，可能是伪造的证照', en: 'No such certificate: it may be forged' } };
      return publicCertificateView(cert, deps.today());
    },
  });

  api.add({
    method: 'post', path: '/api/certificates/:number/revoke', tag: 'issuing', access: 'user', ask: ['decide', 'Case'],
    summary: 'Revoke a certificate (撤销): a decision, so it needs the decision power for the matter',
    params: z.strictObject({ number: z.string().regex(/^[A-Z]{2,8}\d{10}$/) }),
    body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
    handler: async ({ req, params, body }) => {
      const cert = await certificates.findOne({ number: params.number }).lean<Certificate>();
      if (!cert) throw notFound('certificate');
      assertCan(await deps.authority.abilityOf(req), 'decide', subjectOf('Case', { departmentCode: cert.departmentCode, matterCode: cert.matterCode }));
      const result = await certificates.updateOne({ number: params.number, status: 'valid' }, { $set: { status: 'revoked', revokedAt: new Date(), revocationReason: `${body.reason}（${principalOf(req).username}）` } });
      if (result.modifiedCount !== 1) throw problem('ALREADY_REVOKED');
      return publicCertificateView({ ...cert, status: 'revoked', revokedAt: new Date() }, deps.today());
    },
  });
}
