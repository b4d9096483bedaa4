import { createReadStream } from 'node:fs';
import type { Response } from 'express';

/** RFC 6266 filename for any characters: an ASCII fallback and the UTF-8 original. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Always as a download (never rendered in the app's origin), with nosniff and a sandboxing CSP, not cached. */
export function setDownloadHeaders(res: Response, file: { contentType: string; size: number; filename: string }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
}

/** A file of the attachment store as a download (streamed: a large file is never held in memory). */
export function sendStoredDownload(res: Response, path: string, file: { contentType: string; size: number; filename: string }) {
  setDownloadHeaders(res, file);
  createReadStream(path).pipe(res);
}

/**
 * Types a browser may be told as they are; anything else (HTML, SVG, scripts, unknown types) goes as
 * application/octet-stream, so no browser opens a stranger's file as a page of ours (issue 18: the citizen's downloads).
 */
const SAFE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

export function safeContentType(contentType: string): string {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return SAFE_TYPES.has(type) ? type : 'application/octet-stream';
}
