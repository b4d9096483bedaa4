import busboy from 'busboy';
import type { Request } from 'express';

export interface UploadedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MultipartLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxFieldBytes: number;
}

export type MultipartResult =
  | { ok: true; fields: Record<string, string>; files: UploadedFile[] }
  | { ok: false; reason: 'webform.file' | 'webform.tooLarge' };

/** Reads a multipart form into memory within hard limits; anything over a limit fails the whole form. */
export function readMultipart(req: Request, limits: MultipartLimits): Promise<MultipartResult> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: limits.maxFiles, fileSize: limits.maxFileBytes, fieldSize: limits.maxFieldBytes, fields: 20, parts: 30 },
      });
    } catch {
      resolve({ ok: false, reason: 'webform.tooLarge' });
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let failure: 'webform.file' | 'webform.tooLarge' | null = null;
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= 'webform.tooLarge';
      // No form field means a NUL character, and PostgreSQL text cannot hold one (the insert would fail: a 500).
      fields[name] = value.replaceAll('\u0000', '');
    });
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure ??= 'webform.file';
      });
      stream.on('end', () => {
        // Browsers send an empty part when no file was chosen.
        if (info.filename)
          files.push({
            filename: info.filename.replaceAll('\u0000', ''),
            contentType: info.mimeType,
            content: Buffer.concat(chunks),
          });
      });
    });
    parser.on('filesLimit', () => {
      failure ??= 'webform.file';
    });
    parser.on('fieldsLimit', () => {
      failure ??= 'webform.tooLarge';
    });
    parser.on('partsLimit', () => {
      failure ??= 'webform.tooLarge';
    });
    parser.on('error', () => resolve({ ok: false, reason: 'webform.tooLarge' }));
    parser.on('close', () => resolve(failure ? { ok: false, reason: failure } : { ok: true, fields, files }));
    req.pipe(parser);
  });
}

/** The types the form accepts, recognised by their first bytes rather than by what the browser claims. */
export function detectAllowedType(file: UploadedFile): string | null {
  const head = file.content.subarray(0, 8);
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (/\.txt$/i.test(file.filename) && !file.content.includes(0)) return 'text/plain';
  return null;
}
