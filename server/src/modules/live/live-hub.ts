import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import { CONNECT_TIMEOUT_MS, type DB } from '../../db/database.js';
import type { Logger } from '../../logger.js';

/**
 * What open browsers learn without asking. Events carry ids, never personal data: a browser refetches what it
 * shows, through the procedures that check its access.
 */
export type PresenceState = 'viewing' | 'replying' | 'left';
export type LiveEvent =
  /** Something about these cases changed: status, assignment, a new message; `citizenIds`: a citizen got a new case. */
  | { kind: 'cases'; caseIds: number[]; citizenIds?: number[] }
  | {
      kind: 'presence';
      caseId: number;
      userId: number;
      name: string;
      state: PresenceState;
      at: number;
      /** The case's team and assignee when announced: presence goes only to those who may open the case. */
      caseTeamId: number | null;
      caseAssigneeId: number | null;
    }
  | { kind: 'notification'; userId: number };

/** Someone seen on a case within this time is still there (browsers repeat their presence every 15 s). */
const PRESENCE_TTL_MS = 45_000;
const CHANNEL = 'anliegen_live';

/**
 * The events of one database, fanned out to the subscribers in this process. With PostgreSQL, publishing goes
 * through NOTIFY and delivery comes from LISTEN, so every server process on the database sees every event.
 */
export class LiveHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly presence = new Map<number, Map<number, { name: string; state: PresenceState; at: number }>>();
  /** Set while connected to PostgreSQL: sends the event to every process (this one included). */
  remote: ((event: LiveEvent) => void) | null = null;
  private isClosed = false;
  private resyncs = 0;

  /** The streams open now (each `events` generator listens until it ends): the metrics' live connections. */
  get openStreams(): number {
    return this.emitter.listenerCount('event');
  }

  /** True once the server is shutting down: streams have ended and new ones end at once. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Counts `resync` calls: a stream that began before the last one has ended. */
  get generation(): number {
    return this.resyncs;
  }

  /**
   * Events may have been missed (the connection that brings them was lost): every open stream ends, so each browser
   * connects again and refetches what it shows (client/src/lib/live.ts, onStarted).
   */
  resync(): void {
    this.resyncs++;
    this.emitter.emit('close');
  }

  /** Ends every stream (on shutdown: they would otherwise hold the server open until its timeout). */
  close(): void {
    this.isClosed = true;
    this.emitter.emit('close');
  }

  /** Call after the change has committed. Never throws: a live update is a convenience, the data is already safe. */
  publish(event: LiveEvent): void {
    if (this.remote) this.remote(event);
    else this.deliver(event);
  }

  deliver(event: LiveEvent): void {
    if (event.kind === 'presence') this.rememberPresence(event);
    this.emitter.emit('event', event);
  }

  /** The events as they come, until the signal aborts or the hub closes. */
  async *events(signal: AbortSignal | undefined): AsyncGenerator<LiveEvent> {
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    const listener = (event: LiveEvent) => {
      queue.push(event);
      wake?.();
    };
    this.emitter.on('event', listener);
    const stop = () => wake?.();
    signal?.addEventListener('abort', stop);
    this.emitter.on('close', stop);
    const generation = this.resyncs;
    try {
      while (!signal?.aborted && !this.isClosed && this.resyncs === generation) {
        const event = queue.shift();
        if (event) yield event;
        else await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      this.emitter.off('event', listener);
      this.emitter.off('close', stop);
      signal?.removeEventListener('abort', stop);
    }
  }

  /** Who is on a case now (excluding people who left or went quiet). */
  presenceOn(caseId: number, now = Date.now()): { userId: number; name: string; state: PresenceState }[] {
    const people = this.presence.get(caseId);
    if (!people) return [];
    return [...people].flatMap(([userId, seen]) =>
      seen.state !== 'left' && now - seen.at < PRESENCE_TTL_MS ? [{ userId, name: seen.name, state: seen.state }] : [],
    );
  }

  private rememberPresence(event: Extract<LiveEvent, { kind: 'presence' }>): void {
    const people = this.presence.get(event.caseId) ?? new Map();
    if (event.state === 'left') people.delete(event.userId);
    else people.set(event.userId, { name: event.name, state: event.state, at: event.at });
    if (people.size > 0) this.presence.set(event.caseId, people);
    else this.presence.delete(event.caseId);
  }
}

const hubs = new WeakMap<DB, LiveHub>();

/** The hub of a database handle (the root handle, not a transaction: publish after commit). */
export function liveHub(db: DB): LiveHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new LiveHub();
    hubs.set(db, hub);
  }
  return hub;
}

/** The first wait before listening again after the connection was lost, doubled per failed attempt up to the last. */
export const LISTEN_RETRY_MS = { first: 500, max: 5000 };

/**
 * Connects the database's hub to PostgreSQL LISTEN/NOTIFY on its own connection. When that connection is lost
 * (PostgreSQL stopped or restarted, the network gone), it tries again, waiting LISTEN_RETRY_MS, until the database is
 * back; then every open stream is restarted (`resync`), since events of that time were missed. Meanwhile this
 * process's own events reach its own streams directly. Returns a function that disconnects.
 */
export async function connectLiveToPostgres(db: DB, connectionString: string, log: Logger): Promise<() => Promise<void>> {
  const hub = liveHub(db);
  let client: pg.Client | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = LISTEN_RETRY_MS.first;
  /** One warning per incident, for the lost connection and for events not sent. */
  let lostLogged = false;
  let notifyFailed = false;

  const reconnectLater = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(
        () => {
          retryMs = LISTEN_RETRY_MS.first;
          lostLogged = false;
          log.info('live updates: listening again');
          hub.resync();
        },
        () => {
          retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MS.max);
          reconnectLater();
        },
      );
    }, retryMs);
    retryTimer.unref();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        hub.deliver(JSON.parse(message.payload) as LiveEvent);
      } catch (error) {
        log.warn({ err: error }, 'ignored a malformed live event');
      }
    });
    let listening = false;
    // A broken connection says 'error' (a message from the server, a socket error), 'end', or both.
    const lost = (error?: Error) => {
      if (!listening) return;
      listening = false;
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      if (stopped) return;
      if (!lostLogged) log.warn({ err: error }, 'live updates: connection lost, reconnecting');
      lostLogged = true;
      reconnectLater();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      void next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    listening = true;
    client = next;
  };

  await connect();
  hub.remote = (event) => {
    // Not listening: NOTIFY would not come back to this process, so its own streams get the event directly.
    if (!client) hub.deliver(event);
    sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(db).then(
      () => {
        notifyFailed = false;
      },
      (error: unknown) => {
        if (!notifyFailed) log.warn({ err: error }, 'live update not sent to other server processes');
        notifyFailed = true;
      },
    );
  };
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    hub.remote = null;
    await client?.end().catch(() => undefined);
  };
}
