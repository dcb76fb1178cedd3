export { phraseRoutes } from './routes.ts';
export { defaultPhrases, phraseModel } from './model.ts';
