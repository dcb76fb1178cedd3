import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The document fonts, all TrueType (glyf) subsets of Noto Serif SC made by
 * scripts/fonts/make-subsets.py; CFF fonts would make Chromium write Type 3 glyphs (DESIGN.md,
 * "Documents"). The templates' own text uses the small `OWFixed` faces embedded here as woff2
 * `data:` URLs; the data in a document (names, addresses) uses the system family
 * "OneWindow Serif SC" (GB2312 level 1), which Chromium finds through assets/fonts/fonts.conf.
 * Characters outside both fall back to the system's other fonts.
 */
const faces = [
  { file: 'fixed-serif-sc-regular.woff2', weight: 400 },
  { file: 'fixed-serif-sc-bold.woff2', weight: 700 },
];

/** The CSS font stack of every document. */
export const documentFontStack = 'OWFixed, "OneWindow Serif SC", serif';

/** fontconfig file that adds the document fonts to Chromium's system fonts (FONTCONFIG_FILE). */
export const fontconfigFile = fileURLToPath(new URL('../../../assets/fonts/fonts.conf', import.meta.url));

const fontDir = new URL('../../../assets/fonts/', import.meta.url);

let css: string | undefined;

/** `@font-face` rules for family `OWFixed` (regular and bold), read once. */
export function fontFaceCss(): string {
  if (!css) {
    css = faces.map(({ file, weight }) => {
      const data = readFileSync(fileURLToPath(new URL(file, fontDir))).toString('base64');
      return `@font-face{font-family:OWFixed;font-weight:${weight};font-style:normal;src:url(data:font/woff2;base64,${data}) format('woff2')}`;
    }).join('\n');
  }
  return css;
}
