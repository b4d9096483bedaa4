import { createHash, randomBytes } from 'node:crypto';

/**
 * The secrets of the citizens' links (status pages, feedback): random tokens, 192 bits, URL-safe. Only a token's hash
 * is stored, so a leaked database opens no citizen's page.
 */
export const newSecretToken = (): string => randomBytes(24).toString('base64url');

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');
