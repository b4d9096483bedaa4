/** The server sets this readable cookie; every mutation echoes it (see server http/cookies.ts). */
const CSRF_COOKIE = 'anliegen_csrf';

export function readCsrfToken(): string {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : '';
}
