export { catalogModels, type CatalogModels, type Department, type HallWindow, type Matter, type Material, type Office, type Zone } from './models.ts';
export { catalogRoutes } from './routes.ts';
export * from './vocabulary.ts';
export { matterAdminRoutes } from './admin-routes.ts';
export { matterBodySchema, type MatterBody } from './matter.schema.ts';
export { consultationPhone, hall, hallHotline, issuingBody, issuingBodyOf, type IssuingBody } from './issuing-body.ts';
