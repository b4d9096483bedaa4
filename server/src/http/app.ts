import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { DB } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Env } from '../env.js';
import type { Logger } from '../logger.js';
import { httpMetrics } from '../metrics.js';
import { appRouter } from '../trpc/app-router.js';
import { webformRouter } from '../channels/webform/webform.routes.js';
import { accessibilityRouter } from '../channels/webform/accessibility.routes.js';
import { citizenMailboxRouter } from '../channels/webform/mailbox.routes.js';
import { feedbackRouter } from '../channels/webform/feedback.routes.js';
import { figuresRouter } from '../channels/webform/figures.routes.js';
import { accessLog } from './access-log.js';
import { attachmentsRouter } from './attachments.route.js';
import { uploadsRouter } from './uploads.route.js';
import { ensureCsrfCookie } from './csrf-cookie.js';
import { createReadiness } from './readiness.js';
import { createContextFactory } from './trpc-context.js';
import { trpcHandler } from './trpc-handler.js';

export interface AppDeps {
  db: DB;
  env: Env;
  log: Logger;
  /** False while starting or shutting down: /readyz answers 503 so a proxy stops sending traffic. */
  isReady: () => boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps): Express {
  const { env, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy on the same machine, take the client address from X-Forwarded-For.
  app.set('trust proxy', 'loopback');

  // Request latency by route pattern, when metrics are on (METRICS_PORT; served on their own listener, never here).
  const timing = httpMetrics();
  if (timing) app.use(timing);
  // Probes would drown the log.
  app.use(accessLog(log, (path) => path === '/healthz' || path === '/readyz'));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Mantine sets style attributes at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: env.cookieSecure ? [] : null,
        },
      },
      strictTransportSecurity: env.cookieSecure,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = createReadiness(deps);
  app.get('/readyz', async (_req, res) => {
    const reason = await readiness();
    if (reason) res.status(503).json({ status: 'unavailable', reason });
    else res.json({ status: 'ready' });
  });

  // Metrics are served on their own listener (METRICS_PORT) only; here the path is unknown, not the app's page.
  app.all('/metrics', (_req, res) => {
    res.status(404).json({ error: { message: 'Not found', appCode: 'notFound' } });
  });

  const csrfCookie = ensureCsrfCookie(env.cookieSecure);
  // The API first: its requests (most of all) need none of the public pages' and downloads' routes.
  // The API answers the app's own script only (fetch and EventSource send Sec-Fetch-Dest: empty). An image, frame or
  // page pointing at it (mail HTML, another site) would read with the agent's cookie and leave a "viewed" audit row
  // in their name. Clients that send no such header are no browser's subresources.
  app.use('/trpc', csrfCookie, (req, res, next) => {
    const destination = req.get('sec-fetch-dest');
    if (destination && destination !== 'empty') {
      res.status(403).json({ error: { message: 'Only the app may call the API', appCode: 'auth.forbidden' } });
      return;
    }
    next();
  });
  app.use(
    '/trpc',
    trpcHandler({
      router: appRouter,
      createContext: createContextFactory(deps),
      maxBodySize: MAX_BODY_BYTES,
      onError: ({ error, path, ctx }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') (ctx?.log ?? log).error({ err: error, path }, 'procedure failed');
      },
    }),
  );

  app.use(webformRouter(deps));
  // The Erklärung zur Barrierefreiheit and its "Barriere melden" (BITV 2.0 § 7, issue 18).
  app.use(accessibilityRouter(deps));
  // The status page's files and downloads, and "Neuen Link anfordern" (issue 18).
  app.use(citizenMailboxRouter(deps));
  // The survey after a case: its page behind the resolution mail's links and a receipt's QR code (issue 18).
  app.use(feedbackRouter(deps));
  // The published impact figures and their JSON, while the admins publish them (issue 18).
  app.use(figuresRouter(deps));
  app.use(attachmentsRouter(deps));
  app.use(uploadsRouter(deps));
  app.use(csrfCookie);

  const clientDist = env.CLIENT_DIST;
  if (existsSync(join(clientDist, 'index.html'))) {
    // Hashed assets may be cached for a year; index.html must always be fresh.
    app.use('/assets', express.static(join(clientDist, 'assets'), { immutable: true, maxAge: '1y', index: false }));
    app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(clientDist, 'index.html'));
    });
  } else {
    log.warn({ clientDist }, 'client build not found; serving the API only');
  }

  app.use((_req, res) => {
    res.status(404).json({ error: { message: 'Not found', appCode: 'notFound' } });
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    // The database away (the incident is logged by /readyz and the jobs, not per request): try again later.
    if (isDatabaseUnavailable(error)) {
      res.status(503).setHeader('Retry-After', '30');
      res.json({ error: { message: 'Service unavailable', appCode: 'service.unavailable' } });
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) req.log.error({ err: error }, 'request failed');
    res.status(status).json({
      error: {
        message: status === 500 ? 'Internal error' : 'Bad request',
        appCode: status === 500 ? 'internal' : 'input.invalid',
      },
    });
  };
  app.use(onError);
  return app;
}
