export { renderDocumentJob } from './render-document.ts';
