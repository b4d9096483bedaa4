import type { Server } from 'node:http';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { loadEnv, type Env } from './env.js';
import { createApp } from './http/app.js';
import { closeHttpServer } from './http/shutdown.js';
import { connectLiveToPostgres, liveHub } from './modules/live/live-hub.js';
import { startSmtpListener } from './channels/email/smtp-listener.js';
import { useTestClock } from './domain/clock.js';
import { startFollowUps } from './jobs/follow-up.job.js';
import { startImapPolling } from './jobs/imap-poll.job.js';
import { startOutboundMail } from './jobs/outbound-mail.job.js';
import { firstRunsSettled } from './jobs/periodic.js';
import { startPlannerStatistics } from './jobs/planner-statistics.job.js';
import { startRetention } from './jobs/retention.job.js';
import { startUploadCleanup } from './jobs/upload-cleanup.job.js';
import { startSessionCleanup } from './jobs/session-cleanup.job.js';
import { startFileSweep } from './jobs/file-sweep.job.js';
import { startSlaEscalation } from './jobs/sla-escalation.job.js';
import { startWeeklyReports } from './jobs/weekly-report.job.js';
import { createLogger, type Logger } from './logger.js';
import { startMetrics } from './metrics.js';
import { mailBacklog } from './modules/mail/mail.service.js';
import { mainTexts as T } from './main.texts.js';
import { seedDemoOnce } from './seed/demo-seed.js';
import { useResolutionMail } from './modules/feedback/invitations.js';
import { resolutionMail } from './channels/webform/resolution-mail.js';
import { demoLogins } from './seed/organisation.js';

/** A start that cannot succeed says why in one line and exits non-zero; details go to the log. */
function exitWith(message: string, error?: unknown, logger?: Logger): never {
  if (error) logger?.error({ err: error }, message);
  process.stderr.write(T.couldNotStart(message));
  process.exit(1);
}

function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    exitWith((error as Error).message);
  }
}

const env = loadEnvOrExit();
const log = createLogger(env.LOG_LEVEL, { format: env.LOG_FORMAT, file: env.LOG_FILE });
if (env.TEST_CLOCK_FILE) {
  // NODE_ENV=test only (env.ts): an end-to-end test moves the clock for follow-up dates.
  useTestClock(env.TEST_CLOCK_FILE);
  log.warn({ file: env.TEST_CLOCK_FILE }, 'test clock: follow-up dates follow the offset in this file');
}
/** A stopped PostgreSQL breaks every idle connection at once: one line per minute says so, not one per connection. */
let connectionLostLoggedAt = 0;
const { db, description, connections } = openDatabase({
  databaseUrl: env.DATABASE_URL,
  sqlitePath: env.SQLITE_PATH,
  poolSize: env.DATABASE_POOL_SIZE,
  onConnectionLost: (error) => {
    if (Date.now() - connectionLostLoggedAt < 60_000) return;
    connectionLostLoggedAt = Date.now();
    log.warn({ err: error }, 'database connection lost; requests are refused for retry until it is back');
  },
});
let ready = false;

try {
  const applied = await migrateToLatest(db, { log });
  if (applied.length > 0) log.info({ migrations: applied }, 'migrations applied');
  const seeded = env.SEED_DEMO ? await seedDemoOnce(db, { attachmentsDir: env.ATTACHMENTS_DIR }) : null;
  if (seeded) log.info(seeded, 'demo data seeded');
} catch (error) {
  exitWith(`database ${description} is not usable (${(error as Error).message})`, error, log);
}
if (env.DATABASE_URL && !env.APP_SECRET) {
  log.warn('APP_SECRET is not set: with several server processes, a web form loaded from one is refused by another');
}
// Several processes on one PostgreSQL database share live updates through LISTEN/NOTIFY.
const stopLive = env.DATABASE_URL
  ? await connectLiveToPostgres(db, env.DATABASE_URL, log).catch((error: Error) =>
      exitWith(`live updates cannot listen on ${description} (${error.message})`, error, log),
    )
  : async () => {};
// Metrics (when METRICS_PORT is set) count from before the jobs' first runs, on a listener of their own.
const metrics =
  env.METRICS_PORT === undefined
    ? null
    : await startMetrics({
        host: env.METRICS_HOST,
        port: env.METRICS_PORT,
        log,
        sources: {
          outboundMail: () => mailBacklog(db),
          databaseConnections: connections,
          liveConnections: () => liveHub(db).openStreams,
        },
      }).catch((error: NodeJS.ErrnoException) =>
        exitWith(
          error.code === 'EADDRINUSE'
            ? `metrics port ${env.METRICS_PORT} is already in use; set METRICS_PORT to a free one`
            : error.message,
          error,
          log,
        ),
      );
const stopJobs = [
  startSessionCleanup(db, env, log),
  startOutboundMail(db, env, log),
  startImapPolling(db, env, log),
  startSlaEscalation(db, log),
  startFollowUps(db, env, log),
  startWeeklyReports(db, env, log),
  startRetention(db, env, log),
  startPlannerStatistics(db, log),
  startUploadCleanup(db, env, log),
  startFileSweep(db, env, log),
];
const smtpListener = await startSmtpListener({ db, env, log }).catch((error: NodeJS.ErrnoException) =>
  exitWith(
    error.code === 'EADDRINUSE'
      ? `SMTP port ${env.SMTP_LISTEN_PORT} is already in use; set SMTP_LISTEN_PORT to a free one`
      : error.message,
    error,
    log,
  ),
);

// The jobs' first runs (overdue cases escalated at start …) log before the banner, which stays the last thing shown.
await firstRunsSettled(5000);

// A resolved case asks its citizen for feedback by mail (issue 18): the public pages write that mail (modules call no
// channel). Plugged in after the demo seed, which resolves its cases without asking anyone.
useResolutionMail(resolutionMail({ publicUrl: env.publicUrl }));
const app = createApp({ db, env, log, isReady: () => ready });
const server: Server = app.listen(env.PORT, env.HOST, () => {
  ready = true;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = env.PUBLIC_URL ?? env.publicUrl.replace(/:\d+$/, `:${port}`);
  log.info({ url, database: description }, 'Anliegen started');
  const lines = [T.runningAt(url, description)];
  if (smtpListener.port !== null) lines.push(T.smtpIn(`${env.SMTP_LISTEN_HOST}:${smtpListener.port}`));
  if (metrics) lines.push(T.metricsAt(`${env.METRICS_HOST}:${metrics.port}`));
  if (!env.SMTP_URL) lines.push(T.noSmtpOut);
  if (env.SEED_DEMO) {
    const demo = demoLogins();
    lines.push(T.demoLogins(demo.password));
    for (const account of demo.accounts) lines.push(`    ${T.role[account.role].padEnd(16)} ${account.email}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
});

server.on('error', (error: NodeJS.ErrnoException) => {
  exitWith(
    error.code === 'EADDRINUSE' ? `port ${env.PORT} is already in use; set PORT to a free one` : error.message,
    error,
    log,
  );
});

/** SIGTERM: stop accepting, end live streams, let open requests finish (bounded), then close the database. */
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  ready = false;
  log.info({ signal }, 'shutting down');
  for (const stop of stopJobs) stop();
  await smtpListener.stop();
  await stopLive();
  await closeHttpServer(server, liveHub(db), env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  await metrics?.stop();
  await db.destroy();
  log.info('shutdown complete');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
