import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Font types listed by poppler's `pdffonts` for a PDF file (e.g. "CID TrueType", "Type 3"). */
export async function pdfFontTypes(file: string): Promise<Array<{ name: string; type: string }>> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout.split('\n').slice(2).filter(Boolean).map((line) => {
    const match = /^(\S+)\s+(Type 3|CID TrueType|CID Type 0C?|TrueType|Type 1C?|Type 0)\s/.exec(line);
    return { name: match?.[1] ?? line, type: match?.[2] ?? 'unknown' };
  });
}

/** Page count reported by poppler's `pdfinfo`. */
export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
}

/** Page 1 of a PDF as PNG (`<prefix>.png`) with poppler's `pdftoppm`. */
export async function firstPageToPng(file: string, prefix: string, dpi = 80): Promise<string> {
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  return `${prefix}.png`;
}

/** Text of a PDF given as bytes (poppler's `pdftotext`). */
export async function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}
