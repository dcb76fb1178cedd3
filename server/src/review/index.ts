export { reviewJobHandlers } from './render-document.ts';
