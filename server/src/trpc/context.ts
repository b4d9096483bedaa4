import type { Locale, Role } from '@anliegen/shared';
import type { DB } from '../db/database.js';
import type { Env } from '../env.js';
import type { CookieJar } from '../http/cookies.js';
import type { Logger } from '../logger.js';

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  /** Whether the single-character keyboard shortcuts act (the user's own setting, WCAG 2.1.4). */
  characterShortcuts: boolean;
  teams: { id: number; name: string }[];
}

export interface Context {
  db: DB;
  env: Env;
  log: Logger;
  ip: string | null;
  cookies: CookieJar;
  session: { id: string; csrfToken: string } | null;
  user: SessionUser | null;
}
