import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { problem } from '../shared/errors.ts';
import { fontFaceCss } from './fonts.ts';
import { documentKinds, type DocumentKind } from './kinds.ts';
import { sealSvg } from './seal.ts';

/**
 * Official documents as handlebars templates (templates/<kind>/template.hbs, partials in
 * templates/_shared). Templates and data are both treated as hostile: an isolated handlebars
 * environment in strict mode, HTML-escaped output, no prototype access, only the helpers below;
 * the page forbids every load but `data:` by CSP (and the renderer refuses such requests anyway).
 */
export const defaultTemplateDir = fileURLToPath(new URL('../../../templates/', import.meta.url));

const CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'";
const upperDigits = '〇一二三四五六七八九';

function parts(value: unknown): [number, number, number] | undefined {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const chineseNumber = (n: number) => (n <= 10 ? ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n]
  : n < 20 ? `十${upperDigits[n - 10]}` : `${upperDigits[Math.floor(n / 10)]}十${n % 10 ? upperDigits[n % 10] : ''}`);

/** `2026-09-18` → `2026年9月18日`; anything else is shown as given (escaped). */
export function chineseDate(value: unknown): string {
  const p = parts(value);
  return p ? `${p[0]}年${p[1]}月${p[2]}日` : String(value ?? '');
}

/** `2026-09-18` → `二〇二六年九月十八日` (the date under a seal). */
export function chineseDateUpper(value: unknown): string {
  const p = parts(value);
  if (!p) return String(value ?? '');
  return `${[...String(p[0])].map((d) => upperDigits[Number(d)]).join('')}年${chineseNumber(p[1])}月${chineseNumber(p[2])}日`;
}

export interface TemplateSet {
  /** Full HTML page for a document; throws 400 DOCUMENT_DATA_INCOMPLETE when a field is missing. */
  render(kind: DocumentKind, data: Record<string, unknown>): string;
}

/** Compiles every template under `dir` once. Throws when a document kind has no template. */
export function loadTemplates(dir: string = defaultTemplateDir): TemplateSet {
  const hbs = Handlebars.create();
  // helper arguments escape strict mode: a missing date must still refuse to render
  const required = (value: unknown, options: Handlebars.HelperOptions) => {
    const line = (options as { loc?: { start: { line: number } } }).loc?.start.line ?? '?';
    if (value === undefined || value === null || value === '') throw new Error(`"date (line ${line})" not defined`);
    return value;
  };
  hbs.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => chineseDate(required(value, options)));
  hbs.registerHelper('dateUpper', (value: unknown, options: Handlebars.HelperOptions) => chineseDateUpper(required(value, options)));
  hbs.registerHelper('inc', (value: unknown) => Number(value) + 1);
  hbs.registerHelper('seal', (name: unknown) => new hbs.SafeString(sealSvg(String(name ?? ''))));
  const options = { strict: true, knownHelpersOnly: false, preventIndent: true } as const;
  const shared = `${dir}/_shared`;
  for (const file of readdirSync(shared).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), hbs.compile(readFileSync(`${shared}/${file}`, 'utf8'), options));
  }
  const css = `${fontFaceCss()}\n${readFileSync(`${shared}/style.css`, 'utf8')}`;
  const compiled = new Map<DocumentKind, HandlebarsTemplateDelegate>();
  for (const kind of Object.keys(documentKinds) as DocumentKind[]) {
    const file = `${dir}/${kind}/template.hbs`;
    if (!existsSync(file)) throw new Error(`no template for document kind ${kind}: ${file}`);
    compiled.set(kind, hbs.compile(readFileSync(file, 'utf8'), options));
  }

  return {
    render(kind, data) {
      const template = compiled.get(kind)!;
      let body: string;
      try {
        body = template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (error) {
        const missing = /"([^"]+)" not defined/.exec((error as Error).message)?.[1] ?? 'data';
        throw problem('DOCUMENT_DATA_INCOMPLETE', {
          params: { missing }, cause: error,
          fields: [{ field: `data.${missing}`, message: 'required by the template' }],
        });
      }
      const title = Handlebars.escapeExpression(documentKinds[kind].zh);
      return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">`
        + `<meta http-equiv="Content-Security-Policy" content="${CSP}">`
        + `<title>${title}</title><style>${css}</style></head><body>${body}</body></html>`;
    },
  };
}

let defaults: TemplateSet | undefined;

/** Pure rendering of a document's HTML with the shipped templates (compiled on first use). */
export function renderHtml(kind: DocumentKind, data: Record<string, unknown>): string {
  defaults ??= loadTemplates();
  return defaults.render(kind, data);
}

/** A template's sample data (templates/<kind>/sample.json). */
export function sampleData(kind: DocumentKind, dir: string = defaultTemplateDir): Record<string, unknown> {
  return JSON.parse(readFileSync(`${dir}/${kind}/sample.json`, 'utf8')) as Record<string, unknown>;
}
