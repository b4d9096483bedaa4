import { initTRPC } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { type AppErrorCode, CASEWORKER_ROLES, type Role } from '@anliegen/shared';
import type { Context, SessionUser } from './context.js';
import { DomainError } from '../domain/domain-error.js';
import { procedureTimer } from '../metrics.js';
import { appError, domainCauseOf, toTrpcError } from './errors.js';

/** Who may call a procedure. Every procedure gets one through the builder it is made from. */
export type Access = { kind: 'public' } | { kind: 'authed' } | { kind: 'roles'; roles: readonly Role[] };
export interface Meta {
  access: Access;
}

const DEFAULT_APP_CODE: Partial<Record<string, AppErrorCode>> = {
  UNAUTHORIZED: 'auth.unauthenticated',
  FORBIDDEN: 'auth.forbidden',
  NOT_FOUND: 'notFound',
  TOO_MANY_REQUESTS: 'rateLimited',
  // The client sent something the API cannot take: its mistake, not the server's.
  PAYLOAD_TOO_LARGE: 'input.invalid',
  UNSUPPORTED_MEDIA_TYPE: 'input.invalid',
  METHOD_NOT_SUPPORTED: 'input.invalid',
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: false,
    // Live updates (server-sent events): a comment line every 15 s keeps proxies from closing a quiet stream.
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
    errorFormatter({ shape, error }) {
      const isZod = error.cause instanceof ZodError;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const ownCode = error.cause instanceof DomainError ? error.cause.appCode : undefined;
      const appCode: AppErrorCode =
        ownCode ??
        (isZod || error.code === 'BAD_REQUEST' || error.code === 'PARSE_ERROR'
          ? 'input.invalid'
          : (DEFAULT_APP_CODE[error.code] ?? 'internal'));
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        // Internal failures never leak their details; they are logged by the HTTP layer.
        // Our own errors keep their message; parser and transport wording ("Unterminated string in JSON …")
        // helps nobody, the appCode carries the meaning.
        message: internal ? 'Internal error' : !ownCode && appCode === 'input.invalid' ? 'Invalid input' : shape.message,
        data: {
          ...data,
          appCode,
          fieldErrors: isZod
            ? error.cause.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }))
            : undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Whether a (JSON) input holds a NUL character anywhere, in a key or in a string. */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null || depth > 64) return false;
  return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || containsNul(inner, depth + 1));
}

// PostgreSQL text cannot hold a NUL character (the insert fails: a 500); no form means one, so every procedure
// refuses it up front, on both dialects alike. Found by server/src/http/bad-input.property.test.ts.
// A DomainError thrown below reaches tRPC as an internal error with it as cause; here it gets its own status.
// The metrics time each call here (metrics.ts; nothing while they are off).
const baseProcedure = t.procedure.use(async ({ getRawInput, next, path, type }) => {
  const timed = procedureTimer(path, type);
  // An unreadable body is left to the input parser (and a procedure without input ignores it).
  const raw = await getRawInput().catch(() => undefined);
  if (containsNul(raw)) {
    timed?.(400);
    throw appError('BAD_REQUEST', 'input.invalid', 'Input contains a NUL character');
  }
  const result = await next();
  // A database outage (stopped, unreachable) too: 503 service.unavailable, not an internal error.
  const cause = result.ok ? null : domainCauseOf(result.error.cause);
  if (!result.ok && cause && result.error.code === 'INTERNAL_SERVER_ERROR') {
    const error = toTrpcError(cause);
    timed?.(getHTTPStatusCodeFromError(error));
    throw error;
  }
  timed?.(result.ok ? 200 : getHTTPStatusCodeFromError(result.error));
  return result;
});

export const publicProcedure = baseProcedure.meta({ access: { kind: 'public' } });

/** The signed-in user and session, or 401. */
function signedIn(ctx: Context): { user: SessionUser; session: NonNullable<Context['session']> } {
  if (!ctx.user || !ctx.session) {
    throw appError('UNAUTHORIZED', 'auth.unauthenticated', 'Login required');
  }
  return { user: ctx.user as SessionUser, session: ctx.session };
}

// tRPC merges the `ctx` given to next() into the context: only what changes is passed.
export const authedProcedure = baseProcedure
  .meta({ access: { kind: 'authed' } })
  .use(({ ctx, next }) => next({ ctx: signedIn(ctx) }));

/** A procedure for the given roles only; others get 403. One middleware for both checks: each costs on every call. */
export function roleProcedure(...roles: Role[]) {
  return baseProcedure.meta({ access: { kind: 'roles', roles } }).use(({ ctx, next }) => {
    const signed = signedIn(ctx);
    if (!roles.includes(signed.user.role)) {
      throw appError('FORBIDDEN', 'auth.forbidden', 'Your role does not allow this');
    }
    return next({ ctx: signed });
  });
}

export const adminProcedure = roleProcedure('admin');

/** People who handle cases and see citizens' personal data. */
export const caseworkerProcedure = roleProcedure(...CASEWORKER_ROLES);
