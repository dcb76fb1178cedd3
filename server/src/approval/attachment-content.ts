import { inflateSync } from 'node:zlib';
import { problem } from '../shared/errors.ts';

/** An image larger than this is a decompression bomb to every viewer that opens it (40 MP ≈ 160 MB decoded). */
export const MAX_IMAGE_PIXELS = 40_000_000;
const MAX_IMAGE_SIDE = 20_000;
/** Bytes all of a PDF's compressed streams may inflate to while it is inspected; more is a zip bomb. */
const MAX_INFLATED = 64 * 1024 * 1024;

/** PDF names that make a document act: run script, launch a program, carry files, send data away. */
const ACTIVE_PDF_NAME = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z0-9])/;


/** `#xx` escapes decoded (a PDF may spell /JavaScript as /J#61vaScript). */
function unescapeNames(text: string): string {
  return text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The PDF's own bytes and every Flate stream inflated (object streams hide dictionaries there). */
function* pdfTexts(data: Buffer): Generator<string> {
  const text = data.toString('latin1');
  yield text;
  let budget = MAX_INFLATED;
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let inflated: Buffer;
    try {
      inflated = inflateSync(data.subarray(start, end), { maxOutputLength: budget });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw problem('ATTACHMENT_BOMB', { field: 'body' });
      }
      continue; // not a Flate stream (an image, or damaged): nothing to read in it
    }
    budget -= inflated.length;
    yield inflated.toString('latin1');
    streams.lastIndex = end;
  }
}

function pngSize(data: Buffer): [number, number] | undefined {
  if (data.length < 24 || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

function jpegSize(data: Buffer): [number, number] | undefined {
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1];
    if (marker === 0xff) { i++; continue; }
    if (marker >= 0xd0 && marker <= 0xd9) { i += 2; continue; }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's height and width
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [data.readUInt16BE(i + 7), data.readUInt16BE(i + 5)];
    if (marker === 0xda) return undefined;
    i += 2 + data.readUInt16BE(i + 2);
  }
  return undefined;
}

/**
 * What an attachment may not carry beyond its type: a PDF that acts when opened (script, launch,
 * embedded files, forms that send data) or an image whose stated size would exhaust the memory of
 * whoever opens it. Throws a 413/415 problem naming the reason; the attachment is then not stored.
 */
export function inspectContent(type: string, data: Buffer): void {
  if (type === 'application/pdf') {
    for (const text of pdfTexts(data)) {
      const found = ACTIVE_PDF_NAME.exec(unescapeNames(text));
      if (found) throw problem('ATTACHMENT_ACTIVE_CONTENT', { params: { what: found[1] }, field: 'body' });
    }
    return;
  }
  const size = type === 'image/png' ? pngSize(data) : type === 'image/jpeg' ? jpegSize(data) : undefined;
  if (!size) throw problem('ATTACHMENT_MALFORMED', { field: 'body' });
  const [width, height] = size;
  if (width === 0 || height === 0 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw problem('ATTACHMENT_IMAGE_TOO_LARGE', { params: { width, height }, field: 'body' });
  }
}
