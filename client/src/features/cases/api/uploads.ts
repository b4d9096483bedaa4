import type { UploadedFile } from '@anliegen/shared';
import { readCsrfToken } from '../../../lib/csrf';

/** Why an upload failed, for the reply box to say in words: too large (with the limit), or anything else. */
export class UploadError extends Error {
  constructor(
    readonly code: 'tooLarge' | 'failed',
    readonly limitBytes: number | null,
  ) {
    super(code);
  }
}

/**
 * A file for a reply to the server (`POST /uploads`, server/src/http/uploads.route.ts): the raw bytes, the type in
 * Content-Type, the name URI-encoded in X-Filename, the CSRF token like every mutation.
 */
export async function uploadFile(file: File): Promise<UploadedFile> {
  let response: Response;
  try {
    response = await fetch('/uploads', {
      method: 'POST',
      body: file,
      headers: {
        'content-type': file.type || 'application/octet-stream',
        'x-filename': encodeURIComponent(file.name),
        'x-csrf-token': readCsrfToken(),
      },
    });
  } catch {
    throw new UploadError('failed', null);
  }
  const body = (await response.json().catch(() => null)) as
    | (UploadedFile & { error?: undefined })
    | { error?: { appCode?: string; limitBytes?: number } }
    | null;
  if (response.ok && body && !body.error) return body as UploadedFile;
  const error = body?.error;
  throw new UploadError(error?.appCode === 'uploads.tooLarge' ? 'tooLarge' : 'failed', error?.limitBytes ?? null);
}
