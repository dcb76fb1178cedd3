export { bundleRoutes, type BundleFeature, type BundleRouteDeps } from './routes.ts';
export { bundleModels, type BundleCase, type BundleDefinition } from './models.ts';
export { seedBundles } from './seed.ts';
export { bundleOfMember } from './hand-over.ts';
