import express, { type RequestHandler } from 'express';
import { fileURLToPath } from 'node:url';

const modelerDir = fileURLToPath(new URL('../../../modeler/', import.meta.url));

/** Serves the web front end (modeler/) for paths outside /api. */
export function modelerStatic(): RequestHandler {
  const files = express.static(modelerDir, { index: 'index.html', dotfiles: 'deny', fallthrough: true });
  return (req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    // The QR code on a certificate opens /verify/<code>: one static page reads the code from the path.
    if (req.method === 'GET' && /^\/verify\/[0-9A-Za-z]{1,20}$/.test(req.path)) return res.sendFile('verify.html', { root: modelerDir });
    return files(req, res, next);
  };
}
