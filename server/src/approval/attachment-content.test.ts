import { expect } from 'chai';
import * as hostile from '../../test/hostile/files.ts';
import { AppError } from '../shared/errors.ts';
import { inspectContent } from './attachment-content.ts';
import { sniffType } from './attachments.ts';

function refusal(type: string, data: Buffer): AppError | undefined {
  try {
    inspectContent(type, data);
    return undefined;
  } catch (error) {
    return error as AppError;
  }
}

describe('attachment contents: what a file may not carry beyond its type', () => {
  it('accepts an ordinary PDF, PNG and JPEG (each also passes the magic-byte check)', () => {
    for (const [type, data] of [['application/pdf', hostile.cleanPdf], ['image/png', hostile.cleanPng], ['image/jpeg', hostile.cleanJpeg]] as const) {
      expect(sniffType(data)).to.equal(type);
      expect(refusal(type, data), type).to.equal(undefined);
    }
  });

  for (const [name, data, what] of [
    ['an OpenAction script', hostile.pdfWithOpenActionScript, 'JavaScript'],
    ['a script name spelled with #-escapes', hostile.pdfWithEscapedScriptName, 'JavaScript'],
    ['a script hidden in a compressed object stream', hostile.pdfWithScriptInObjectStream, 'JavaScript'],
    ['a program launch', hostile.pdfWithLaunch, 'Launch'],
    ['embedded files', hostile.pdfWithEmbeddedFile, 'EmbeddedFiles'],
  ] as const) {
    it(`refuses a PDF with ${name}`, () => {
      const error = refusal('application/pdf', data);
      expect(error?.code).to.equal('ATTACHMENT_ACTIVE_CONTENT');
      expect(error?.status).to.equal(415);
      expect(error?.message).to.contain(what);
    });
  }

  it('refuses a PDF whose streams inflate past the limit (zip bomb) without inflating it all', () => {
    const error = refusal('application/pdf', hostile.pdfZipBomb());
    expect(error?.code).to.equal('ATTACHMENT_BOMB');
    expect(error?.status).to.equal(413);
  });

  it('refuses images whose stated size would exhaust a viewer (PNG and JPEG pixel bombs) and a PNG cut short', () => {
    expect(refusal('image/png', hostile.pngPixelBomb)?.code).to.equal('ATTACHMENT_IMAGE_TOO_LARGE');
    expect(refusal('image/jpeg', hostile.jpegPixelBomb)?.code).to.equal('ATTACHMENT_IMAGE_TOO_LARGE');
    expect(refusal('image/png', hostile.truncatedPng)?.code).to.equal('ATTACHMENT_MALFORMED');
  });
});
