import type { AuditAction } from '@anliegen/shared';
import { notFound } from '../domain/domain-error.js';
import { assertCaseAccess, type CaseAccess, caseAccessOf, mayAccessInteraction } from '../modules/cases/case-access.js';
import type { SessionUser } from './context.js';
import { middleware } from './init.js';
import { type AuditRecord, recordAudit } from '../modules/audit/audit.service.js';

/**
 * Policies a procedure declares with `.use(…)` after its input: what it checks before the handler runs (case
 * access) or records after it succeeded (an audited read). Each carries a `policy` mark, so server/src/trpc/
 * access.test.ts can see from the router alone which procedures have them.
 */
export type PolicyKind = 'caseAccess' | 'messageAccess' | 'auditedRead';
const marked = <T extends object>(kind: PolicyKind, builder: T): T => {
  for (const fn of (builder as { _middlewares?: object[] })._middlewares ?? []) Object.assign(fn, { policy: kind });
  return builder;
};

/** The caseworker's case access, checked for signed-in users only (the procedure's role check came first). */
const accessOf = (ctx: { env: Parameters<typeof caseAccessOf>[0]['env']; user: SessionUser | null }): CaseAccess =>
  caseAccessOf({ env: ctx.env, user: ctx.user! });

/**
 * The procedure names cases (by id): they must be open to the caseworker, else the answer is "not found" as for an
 * unknown case. The handler gets the caseworker's `access` in its context.
 */
export function caseAccess<I>(casesOf: (input: I) => readonly number[]) {
  return marked(
    'caseAccess',
    middleware(async ({ ctx, input, next }) => {
      const access = accessOf(ctx);
      await assertCaseAccess(ctx.db, access, casesOf(input as I));
      return next({ ctx: { access } });
    }),
  );
}

/** The procedure names a message (by interaction id): its case must be open to the caseworker. */
export function messageAccess<I>(messageOf: (input: I) => number, what: string) {
  return marked(
    'messageAccess',
    middleware(async ({ ctx, input, next }) => {
      const access = accessOf(ctx);
      if (!(await mayAccessInteraction(ctx.db, access, messageOf(input as I)))) throw notFound(what);
      return next({ ctx: { access } });
    }),
  );
}

/**
 * The procedure reads personal data: once it succeeded, the read is recorded with ids and counts taken from its
 * result (never names, contents or search text). The audit of reads is a legal duty (accountability under GDPR
 * Art. 5(2) and the state data protection laws): when the event cannot be written, the read fails rather than go
 * unrecorded.
 */
export function auditedRead<A extends AuditAction, R, I = unknown>(action: A, describe: (result: R, input: I) => AuditRecord<A>) {
  return marked(
    'auditedRead',
    middleware(async ({ ctx, input, next }) => {
      const result = await next();
      if (result.ok && ctx.user) {
        await recordAudit(ctx.db, { id: ctx.user.id, ip: ctx.ip }, action, describe(result.data as R, input as I));
      }
      return result;
    }),
  );
}
