export { catalogModels, type CatalogModels, type Department, type HallWindow, type Matter, type Material, type Office, type Zone } from './models.ts';
export { catalogRoutes } from './routes.ts';
export * from './vocabulary.ts';
