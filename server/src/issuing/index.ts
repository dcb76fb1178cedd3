export { certificateModel, certificateLayouts, type Certificate, type CertificateLayout } from './certificate.model.ts';
export { issueJob, prepareCertificateJob, type IssuingDeps } from './handlers.ts';
export { issuingRoutes, publicCertificateView } from './routes.ts';
export { handOverRoutes, type HandOverDeps } from './hand-over.ts';
