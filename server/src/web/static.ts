import express, { type RequestHandler } from 'express';
import { fileURLToPath } from 'node:url';

const modelerDir = fileURLToPath(new URL('../../../modeler/', import.meta.url));

/** Serves the web front end (modeler/) for paths outside /api. */
export function modelerStatic(): RequestHandler {
  const files = express.static(modelerDir, { index: 'index.html', dotfiles: 'deny', fallthrough: true });
  return (req, res, next) => (req.path.startsWith('/api/') ? next() : files(req, res, next));
}
