import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { notFound, problem } from '../shared/errors.ts';

const distDir = fileURLToPath(new URL('../../../modeler/dist/', import.meta.url));
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Serves the built web app (modeler/dist, made by scripts/lib/bootstrap.sh) for every path outside
 * /api: hashed files under /assets/ are cached for a year (their name changes with their content),
 * and every other page address — /desk, /cases/ZW…, /verify/<code> — gets index.html, never
 * cached, and the app's router shows the page.
 */
export function modelerStatic(dir = distDir): RequestHandler {
  const assets = express.static(`${dir}/assets`, { immutable: true, maxAge: YEAR_SECONDS * 1000, index: false, dotfiles: 'deny', fallthrough: true });
  const files = express.static(dir, { index: false, dotfiles: 'deny', fallthrough: true, setHeaders: (res) => res.set('cache-control', 'no-cache') });
  return (req, res, next) => {
    if (req.path.startsWith('/api/') || req.path === '/api' || req.path === '/healthz') return next();
    if (req.path.startsWith('/assets/')) {
      req.url = req.url.slice('/assets'.length);
      return assets(req, res, () => next(notFound('file')));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    return files(req, res, () => {
      // A file name (favicon.ico, robots.txt) that is not there is a 404, not the app.
      if (/\.[a-z0-9]{2,5}$/i.test(req.path)) return next();
      if (!existsSync(`${dir}/index.html`)) {
        return next(problem('WEB_APP_NOT_BUILT'));
      }
      res.set('cache-control', 'no-cache');
      res.sendFile('index.html', { root: dir });
    });
  };
}
