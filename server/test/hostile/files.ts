import { deflateSync } from 'node:zlib';

/**
 * A corpus of hostile files, made here rather than stored: each is the smallest file that carries
 * the attack, so a test names what it refuses. Clean counterparts show the checks let ordinary
 * files through.
 */
function pdf(objects: string[], extra: Buffer[] = []): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  objects.forEach((body, i) => parts.push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')));
  parts.push(...extra, Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
  return Buffer.concat(parts);
}

function streamObject(n: number, dictionary: string, content: Buffer): Buffer {
  const packed = deflateSync(content);
  return Buffer.concat([
    Buffer.from(`${n} 0 obj\n<< ${dictionary} /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1'),
    packed, Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

const catalog = '<< /Type /Catalog /Pages 2 0 R >>';
const pages = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>';

export const cleanPdf = pdf([catalog, pages, page], [streamObject(4, '', Buffer.from('BT /F1 12 Tf 72 720 Td (OK) Tj ET'))]);
export const pdfWithOpenActionScript = pdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>', pages, page]);
export const pdfWithEscapedScriptName = pdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>', pages, page]);
export const pdfWithScriptInObjectStream = pdf([catalog, pages, page], [streamObject(5, '/Type /ObjStm /N 1 /First 4', Buffer.from('6 0 << /S /JavaScript /JS (this.exportDataObject()) >>'))]);
export const pdfWithLaunch = pdf(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>', pages, page]);
export const pdfWithEmbeddedFile = pdf(['<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 5 0 R >> >>', pages, page]);
/** 96 MiB of zeros in a Flate stream of about 100 KB. */
export const pdfZipBomb = (): Buffer => pdf([catalog, pages, page], [streamObject(4, '', Buffer.alloc(96 * 1024 * 1024))]);

function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  header.writeUInt8(8, 24); // bit depth
  header.writeUInt8(6, 25); // RGBA
  return header;
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

export const cleanPng = png(1024, 768);
export const pngPixelBomb = png(100_000, 100_000);
export const truncatedPng = png(10, 10).subarray(0, 14);
export const cleanJpeg = jpeg(1600, 1200);
export const jpegPixelBomb = jpeg(65_000, 65_000);
