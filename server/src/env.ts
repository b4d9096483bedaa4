import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/** The only reader of process.env. Every setting is documented in the README ("Configuration"). */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, used in printed links and (later) in emails. Defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL connection string; when unset, the embedded SQLite database is used. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  /** PostgreSQL connections each server process keeps at most, besides its one for live updates (at least 2). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  SQLITE_PATH: z.string().default('data/anliegen.sqlite'),
  /** Seed German demo data when the database has no users (first start). */
  SEED_DEMO: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `text`: one short readable line per event on stdout (the default); `json`: one JSON object per line (pino). */
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  /** A file that receives the log as JSON lines (appended), whatever LOG_FORMAT shows on stdout. */
  LOG_FILE: z.string().min(1).optional(),
  /** Session lifetime without activity, in minutes. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(8 * 60),
  /** Hard limit of a session from login, in hours. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /**
   * How long before a session ends the browser warns (WCAG 2.2.1: at least 20 s to react), in seconds; the warning
   * offers to stay signed in unless the hard limit is what ends the session.
   */
  SESSION_WARNING_SECONDS: z.coerce.number().int().min(20).max(1800).default(120),
  /** Send cookies only over HTTPS. On by default in production behind TLS; set false for plain-HTTP trials. */
  COOKIE_SECURE: booleanFlag.optional(),
  /** Failed logins per email before a temporary lock, and the lock's length in minutes. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Delay added to every failed login, in milliseconds (slows guessing). */
  LOGIN_FAILURE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(500),
  /**
   * Outgoing mail relay, e.g. smtp://user:password@mail.example.de:587; without it mail stays queued, and the app says
   * so (the web form's confirmation, the timeline, the reply box, the admins' notice: mail.status).
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender of replies to citizens; its domain also names our Message-IDs. */
  MAIL_FROM: z.string().min(3).default('Bürgerservice <buergerservice@localhost>'),
  /** How often queued outgoing mail is sent, in seconds. */
  OUTBOUND_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Port of the built-in SMTP listener for incoming mail (e.g. 2525 behind the town's mail server); off when unset. */
  SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_LISTEN_HOST: z.string().default('127.0.0.1'),
  /**
   * Port of the Prometheus metrics endpoint (GET /metrics, docs/operations.md), a listener of its own, never the app's
   * PORT; off when unset.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** An existing mailbox to poll for incoming mail, e.g. imaps://user:password@mail.example.de:993/INBOX. */
  IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, 'must start with imap:// or imaps://')
    .optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Largest incoming mail accepted, attachments included; larger ones are refused with SMTP 552. */
  MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Mails per sending address and hour the SMTP listener takes; more get 450 (the sender retries later). */
  SMTP_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /** Where attachments are stored (content-addressed). */
  ATTACHMENTS_DIR: z.string().default('data/attachments'),
  /**
   * Days a sent confirmation mail keeps the citizen's private status link in its stored text (the timeline's copy);
   * then the link's secret part is removed from the copy (the link itself keeps working). docs/operations.md.
   */
  CONFIRMATION_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  /** Signs the web form's time check. Set it when several server processes share the work; else one per start. */
  APP_SECRET: z.string().min(32).optional(),
  /**
   * The town's phone number for citizens, e.g. "030 1234-5678": the web form and the status page give it when they
   * cannot store anything (the database is down), so a pressing matter still reaches someone. Unset: no number shown.
   */
  TOWN_PHONE: z.string().trim().min(3).max(40).optional(),
  /** Link to the municipality's privacy notice at the web form's consent checkbox (default: a generic notice). */
  PRIVACY_NOTICE_URL: z.string().default('/anliegen/datenschutz'),
  /** Who may embed the web form in a frame (CSP frame-ancestors), e.g. "https://www.musterstadt.de". */
  WEBFORM_EMBED_ORIGINS: z.string().default('*'),
  /** A web form sent sooner than this after it was loaded is taken for a bot. */
  WEBFORM_MIN_SECONDS: z.coerce.number().int().min(0).max(600).default(3),
  /** Web form submissions per IP address and hour. */
  WEBFORM_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /*
   * The Erklärung zur Barrierefreiheit at /anliegen/barrierefreiheit (BITV 2.0 § 7; docs/accessibility.md): what is
   * the town's to say. Its texts in seven languages are the app's; these fill them in.
   */
  /** The public body making the statement, e.g. "Die Stadt Musterstadt" (default: "Die Stadtverwaltung", translated). */
  ACCESSIBILITY_BODY: z.string().trim().min(2).max(200).optional(),
  /** Stand der Vereinbarkeit: `full`, `partial` (the default: see the known gaps the page lists) or `none`. */
  ACCESSIBILITY_CONFORMANCE: z.enum(['full', 'partial', 'none']).default('partial'),
  /** Further barriers the town knows of (German; shown as written, marked as German on every language's page). */
  ACCESSIBILITY_KNOWN_ISSUES: z.string().trim().min(1).max(2000).optional(),
  /** The day the statement was made (ISO, 2026-12-11) and, optionally, last reviewed. */
  ACCESSIBILITY_STATEMENT_DATE: z.iso.date().default('2026-12-11'),
  ACCESSIBILITY_REVIEWED_DATE: z.iso.date().optional(),
  /** What the statement rests on: `self` (self-assessment, the default) or `external` (a testing body's report). */
  ACCESSIBILITY_ASSESSMENT: z.enum(['self', 'external']).default('self'),
  /** Contact for barriers besides the report form; the phone defaults to TOWN_PHONE. */
  ACCESSIBILITY_CONTACT_EMAIL: z.email().optional(),
  ACCESSIBILITY_CONTACT_PHONE: z.string().trim().min(3).max(40).optional(),
  ACCESSIBILITY_CONTACT_ADDRESS: z.string().trim().min(3).max(300).optional(),
  /**
   * The enforcement body (Durchsetzungsverfahren). Unset: the federal Schlichtungsstelle nach dem BGG with its contact
   * details. A municipality names its Land's body instead (e.g. NRW's Ombudsstelle); once a name is set, only the
   * details given here are shown.
   */
  ACCESSIBILITY_ENFORCEMENT_NAME: z.string().trim().min(3).max(300).optional(),
  ACCESSIBILITY_ENFORCEMENT_ADDRESS: z.string().trim().min(3).max(300).optional(),
  ACCESSIBILITY_ENFORCEMENT_EMAIL: z.email().optional(),
  ACCESSIBILITY_ENFORCEMENT_PHONE: z.string().trim().min(3).max(40).optional(),
  ACCESSIBILITY_ENFORCEMENT_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Which cases caseworkers see: `all` (every team's: whoever picks up sees everything that came before) or `team`
   * (their teams' cases, cases assigned to them and the general queue without a team; other teams' entries in a
   * citizen's history appear as stubs without subject or text). The municipality decides.
   */
  CASE_ACCESS: z.enum(['all', 'team']).default('all'),
  /** Directory with the built SPA; served when it exists. */
  CLIENT_DIST: z.string().default('client/dist'),
  /** Seconds to wait for open requests on SIGTERM before closing anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /**
   * Tests only, and only with NODE_ENV=test (the server refuses to start otherwise): a file holding an offset in
   * milliseconds that moves the server's clock for follow-up dates (domain/clock.ts), and the follow-up job then looks
   * every second instead of every minute. The end-to-end test of follow-ups moves time with it.
   */
  TEST_CLOCK_FILE: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema> & { publicUrl: string; cookieSecure: boolean };

/** Relative paths mean the project root (this file sits in server/src or server/dist), whatever the working directory. */
const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const fromRoot = (path: string) => (path === ':memory:' || isAbsolute(path) ? path : resolve(PROJECT_ROOT, path));

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    throw new Error('Invalid configuration:\n  METRICS_PORT: must differ from PORT (metrics are never served on the app port)');
  }
  if (env.TEST_CLOCK_FILE !== undefined && env.NODE_ENV !== 'test') {
    throw new Error('Invalid configuration:\n  TEST_CLOCK_FILE: moves the clock for tests; only with NODE_ENV=test');
  }
  const displayHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return {
    ...env,
    SQLITE_PATH: fromRoot(env.SQLITE_PATH),
    CLIENT_DIST: fromRoot(env.CLIENT_DIST),
    ATTACHMENTS_DIR: fromRoot(env.ATTACHMENTS_DIR),
    LOG_FILE: env.LOG_FILE === undefined ? undefined : fromRoot(env.LOG_FILE),
    publicUrl: env.PUBLIC_URL ?? `http://${displayHost}:${env.PORT}`,
    cookieSecure: env.COOKIE_SECURE ?? env.PUBLIC_URL?.startsWith('https://') ?? false,
  };
}

/** The first admin's password for `pnpm admin:create`; only that command reads it. */
export function adminPasswordFromEnv(source: Record<string, string | undefined> = process.env): string | undefined {
  return source.ANLIEGEN_ADMIN_PASSWORD || undefined;
}

/** A directory given to a command (`pnpm backup --to DIR`), read like the settings' paths: relative to the project root. */
export function pathFromProjectRoot(path: string): string {
  return fromRoot(path);
}

/** The environment of a child process (pg_dump, pg_restore): this process's, with `extra` added. */
export function childProcessEnv(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
