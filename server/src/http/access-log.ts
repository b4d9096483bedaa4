import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request's logger: its lines carry the request's method and path. */
    log: Logger;
  }
}

/**
 * One line per request once it is answered or dropped (`request completed` at debug level, or `request errored` from
 * status 500 on, at error level), with method, path, status and time in ms; never the query string, headers or body: URLs and bodies can carry
 * personal data. `req.log` logs in the request's name. `ignore` names paths without a line (the probes would drown the
 * log). The same lines pino-http wrote, which also serialised every request's and response's headers only for our
 * serialisers to drop them again: a sixth of the time of a signed-in `auth.me`.
 */
export function accessLog(log: Logger, ignore: (path: string) => boolean): RequestHandler {
  return (req, res, next) => {
    const started = Date.now();
    const query = req.url.indexOf('?');
    const path = query === -1 ? req.url : req.url.slice(0, query);
    const requestLog = log.child({ req: { method: req.method, path } });
    req.log = requestLog;
    if (!ignore(path)) {
      const done = (error?: Error) => {
        res.off('close', done);
        res.off('error', done);
        const statusCode = res.statusCode;
        const responseTime = Date.now() - started;
        if (error || statusCode >= 500) {
          const err = error ?? new Error(`failed with status code ${statusCode}`);
          requestLog.error({ res: { statusCode }, err, responseTime }, 'request errored');
        } else {
          requestLog.debug({ res: { statusCode }, responseTime }, 'request completed');
        }
      };
      res.on('close', done);
      res.on('error', done);
    }
    next();
  };
}
