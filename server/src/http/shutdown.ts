import type { Server } from 'node:http';
import type { LiveHub } from '../modules/live/live-hub.js';

/**
 * Stops the HTTP server on SIGTERM: no new connections, live streams end at once (they never finish by
 * themselves and would hold the shutdown for the whole timeout), other open requests may finish within
 * `timeoutMs`, then the remaining connections are closed.
 */
export async function closeHttpServer(server: Server, hub: LiveHub, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  hub.close();
  // server.close() closes only the connections idle at that moment; one whose response ends later (a live stream
  // just ended, a slow request) would stay open for the keep-alive timeout. Sweep until none is left.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(force);
  }
}
