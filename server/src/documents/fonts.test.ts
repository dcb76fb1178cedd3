import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTemplateDir } from './templates.ts';

const fontDir = new URL('../../../assets/fonts/', import.meta.url);

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return templateFiles(path);
    return entry.name.endsWith('.hbs') ? [path] : [];
  });
}

describe('document fonts', () => {
  it('cover every character of the templates in the embedded subset (rerun scripts/fonts/make-subsets.py after editing a template)', () => {
    const covered = new Set(readFileSync(new URL('fixed-charset.txt', fontDir), 'utf8'));
    const text = templateFiles(defaultTemplateDir).map((file) => readFileSync(file, 'utf8')).join('')
      + readFileSync(new URL('./seal.ts', import.meta.url), 'utf8');
    const missing = [...new Set(text)].filter((c) => c.codePointAt(0)! > 0x7f && !/\s/.test(c) && !covered.has(c));
    expect(missing.join('')).to.equal('');
  });

  it('cover the 3,755 common hanzi of GB2312 level 1 in the system face', () => {
    const covered = new Set(readFileSync(new URL('charset.txt', fontDir), 'utf8'));
    const gb2312 = new TextDecoder('gb2312');
    let count = 0;
    for (let hi = 0xb0; hi <= 0xd7; hi++) {
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        if (hi === 0xd7 && lo > 0xf9) continue;
        const ch = gb2312.decode(new Uint8Array([hi, lo]));
        expect(covered.has(ch), `${ch} (${hi.toString(16)}${lo.toString(16)})`).to.equal(true);
        count++;
      }
    }
    expect(count).to.equal(3755);
  });
});
