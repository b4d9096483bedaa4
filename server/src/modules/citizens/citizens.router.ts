import {
  addContactPointInput,
  CASEWORKER_ROLES,
  citizenLookupInput,
  citizenTimelineInput,
  createCitizenInput,
  idSchema,
  mergeCitizensInput,
  removeContactPointInput,
  updateCitizenInput,
} from '@anliegen/shared';
import { z } from 'zod';
import { caseworkerProcedure, roleProcedure, router } from '../../trpc/init.js';
import { auditedRead } from '../../trpc/policies.js';
import { caseAccessOf } from '../cases/case-access.js';
import { citizenPanel, citizenTimeline } from './citizen-history.service.js';
import { addContact, createCitizen, getCitizen, lookupCitizens, removeContact, updateCitizen } from './citizens.service.js';
import { duplicateSuggestions } from './duplicates.service.js';
import { mergeCitizens } from './merge-citizens.service.js';
import { actorOf } from '../../domain/actor.js';

const byId = z.object({ id: idSchema });

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export const citizensRouter = router({
  // Every read of personal data is recorded (auditedRead): ids and counts only, never names or the typed query.
  byId: caseworkerProcedure
    .input(byId)
    .use(
      auditedRead('citizen.viewed', ({ citizen, redirectedFrom }: Result<typeof getCitizen>) => ({
        entityId: citizen.id,
        details: { view: 'record', ...(redirectedFrom !== null && { redirectedFrom }) },
      })),
    )
    .query(({ ctx, input }) => getCitizen(ctx.db, input.id)),
  // Admins too: as data protection officer they must find the person behind an Art. 15/17 request.
  lookup: roleProcedure(...CASEWORKER_ROLES, 'admin')
    .input(citizenLookupInput)
    .use(
      auditedRead('citizen.looked_up', (found: Result<typeof lookupCitizens>) => ({
        details: { count: found.length, citizenIds: found.map((citizen) => citizen.id) },
      })),
    )
    .query(({ ctx, input }) => lookupCitizens(ctx.db, input.query, input.limit)),
  panel: caseworkerProcedure
    .input(byId)
    .use(
      auditedRead('citizen.viewed', (panel: Result<typeof citizenPanel>) => ({
        entityId: panel.citizen.id,
        details: {
          view: 'panel',
          ...(panel.redirectedFrom !== null && { redirectedFrom: panel.redirectedFrom }),
          cases: panel.cases.length,
          interactions: panel.recent.length,
        },
      })),
    )
    .query(({ ctx, input }) => citizenPanel(ctx.db, caseAccessOf(ctx), input.id)),
  timeline: caseworkerProcedure
    .input(citizenTimelineInput)
    .use(
      auditedRead('citizen.timeline_viewed', (page: Result<typeof citizenTimeline>, input: { citizenId: number }) => ({
        entityId: input.citizenId,
        details: { interactions: page.items.length, interactionIds: page.items.map((item) => item.id) },
      })),
    )
    .query(({ ctx, input }) => citizenTimeline(ctx.db, caseAccessOf(ctx), input)),
  duplicates: caseworkerProcedure
    .input(byId)
    .use(
      auditedRead('citizen.duplicates_viewed', (suggestions: Result<typeof duplicateSuggestions>, input: { id: number }) => ({
        entityId: input.id,
        details: { count: suggestions.length, citizenIds: suggestions.map((s) => s.citizen.id) },
      })),
    )
    .query(({ ctx, input }) => duplicateSuggestions(ctx.db, input.id)),
  create: caseworkerProcedure
    .input(createCitizenInput)
    .mutation(async ({ ctx, input }) => ({ id: await createCitizen(ctx.db, actorOf(ctx), input) })),
  update: caseworkerProcedure.input(updateCitizenInput).mutation(async ({ ctx, input }) => {
    await updateCitizen(ctx.db, actorOf(ctx), input);
    return { id: input.id };
  }),
  addContact: caseworkerProcedure
    .input(addContactPointInput)
    .mutation(({ ctx, input }) => addContact(ctx.db, actorOf(ctx), input.citizenId, input.contact)),
  removeContact: caseworkerProcedure.input(removeContactPointInput).mutation(async ({ ctx, input }) => {
    await removeContact(ctx.db, actorOf(ctx), input.citizenId, input.contactPointId);
    return { id: input.contactPointId };
  }),
  merge: caseworkerProcedure.input(mergeCitizensInput).mutation(({ ctx, input }) => mergeCitizens(ctx.db, actorOf(ctx), input)),
});
