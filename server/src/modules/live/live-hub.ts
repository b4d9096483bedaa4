import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/database.js';
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

  /** True once the server is shutting down: streams have ended and new ones end at once. */
  get closed(): boolean {
    return this.isClosed;
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
    try {
      while (!signal?.aborted && !this.isClosed) {
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

/**
 * Connects the database's hub to PostgreSQL LISTEN/NOTIFY on its own connection, reconnecting after a failure.
 * Returns a function that disconnects.
 */
export async function connectLiveToPostgres(db: DB, connectionString: string, log: Logger): Promise<() => Promise<void>> {
  const hub = liveHub(db);
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        hub.deliver(JSON.parse(message.payload) as LiveEvent);
      } catch (error) {
        log.warn({ err: error }, 'ignored a malformed live event');
      }
    });
    next.on('error', (error) => {
      log.warn({ err: error }, 'live updates: connection lost, reconnecting');
      void next.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await next.connect();
    await next.query(`LISTEN ${CHANNEL}`);
    client = next;
  };
  await connect();
  hub.remote = (event) => {
    sql`select pg_notify(${CHANNEL}, ${JSON.stringify(event)})`.execute(db).catch((error: unknown) => {
      log.warn({ err: error }, 'live update not sent');
    });
  };
  return async () => {
    stopped = true;
    hub.remote = null;
    await client?.end().catch(() => undefined);
  };
}
