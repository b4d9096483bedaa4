import type { AnyTRPCProcedure } from '@trpc/server';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { appRouter } from './app-router.js';
import type { PolicyKind } from './policies.js';

/**
 * The procedure policies, read from the router alone: a new procedure that names a case or a message without the
 * access policy fails here, and so does an audited read that loses its audit.
 */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);

function policiesOf(procedure: AnyTRPCProcedure): PolicyKind[] {
  const middlewares = (procedure._def as unknown as { middlewares: { policy?: PolicyKind }[] }).middlewares;
  return middlewares.flatMap((middleware) => (middleware.policy ? [middleware.policy] : []));
}

/** The top-level keys of a procedure's input object (zod 4 keeps them as `shape` through refinements). */
function inputKeys(procedure: AnyTRPCProcedure): string[] {
  const inputs = (procedure._def as unknown as { inputs: z.ZodType[] }).inputs;
  return inputs.flatMap((input) => Object.keys((input as unknown as { shape?: object }).shape ?? {}));
}

/** Input keys that name a case (in the cases router also `id`) or a message. */
const CASE_KEYS = ['caseId', 'caseIds', 'relatedCaseId', 'sourceId', 'targetId'];
const namesCase = (path: string, keys: string[]) =>
  keys.some((key) => CASE_KEYS.includes(key) || (path.startsWith('cases.') && key === 'id'));
const namesMessage = (keys: string[]) => keys.includes('interactionId');

describe('procedure policies', () => {
  it('reads the input keys of the procedures (so the checks below see something)', () => {
    expect(inputKeys(appRouter._def.procedures['cases.update' as never])).toContain('id');
    expect(procedures.filter(([path, procedure]) => namesCase(path, inputKeys(procedure))).length).toBeGreaterThan(5);
  });

  it.each(procedures.filter(([path, procedure]) => namesCase(path, inputKeys(procedure))))(
    '%s names a case and declares the case access policy',
    (_path, procedure) => {
      expect(policiesOf(procedure)).toContain('caseAccess');
    },
  );

  it.each(procedures.filter(([, procedure]) => namesMessage(inputKeys(procedure))))(
    '%s names a message and declares the message access policy',
    (_path, procedure) => {
      expect(policiesOf(procedure)).toContain('messageAccess');
    },
  );

  it('declares the audited reads of personal data (a new one must be added here on purpose)', () => {
    const audited = procedures.filter(([, procedure]) => policiesOf(procedure).includes('auditedRead')).map(([path]) => path);
    expect(audited.sort()).toEqual([
      'cases.byReference',
      'cases.list',
      'citizens.byId',
      'citizens.duplicates',
      'citizens.lookup',
      'citizens.panel',
      'citizens.timeline',
      // The citizens' comments in the statistics (issue 18): what they wrote.
      'impact.comments',
      'search.run',
      // The cases behind a statistics figure (team leads): their subjects.
      'statistics.cases',
    ]);
  });
});
