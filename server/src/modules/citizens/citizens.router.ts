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
import { actorOf } from '../../trpc/context.js';
import { caseworkerProcedure, roleProcedure, router } from '../../trpc/init.js';
import { auditRead } from '../audit/audit.service.js';
import { caseAccessOf } from '../cases/case-access.js';
import { citizenPanel, citizenTimeline } from './citizen-history.service.js';
import { addContact, createCitizen, getCitizen, lookupCitizens, removeContact, updateCitizen } from './citizens.service.js';
import { duplicateSuggestions } from './duplicates.service.js';
import { mergeCitizens } from './merge-citizens.service.js';

const byId = z.object({ id: idSchema });

export const citizensRouter = router({
  // Every read of personal data is recorded (auditRead): ids and counts only, never names or the typed query.
  byId: caseworkerProcedure.input(byId).query(async ({ ctx, input }) =>
    auditRead(ctx, await getCitizen(ctx.db, input.id), ({ citizen, redirectedFrom }) => ({
      action: 'citizen.viewed',
      entityType: 'citizen',
      entityId: citizen.id,
      details: { view: 'record', ...(redirectedFrom !== null && { redirectedFrom }) },
    })),
  ),
  // Admins too: as data protection officer they must find the person behind an Art. 15/17 request.
  lookup: roleProcedure(...CASEWORKER_ROLES, 'admin')
    .input(citizenLookupInput)
    .query(async ({ ctx, input }) =>
      auditRead(ctx, await lookupCitizens(ctx.db, input.query, input.limit), (found) => ({
        action: 'citizen.looked_up',
        entityType: 'citizen',
        details: { count: found.length, citizenIds: found.map((citizen) => citizen.id) },
      })),
    ),
  panel: caseworkerProcedure.input(byId).query(async ({ ctx, input }) =>
    auditRead(ctx, await citizenPanel(ctx.db, caseAccessOf(ctx), input.id), (panel) => ({
      action: 'citizen.viewed',
      entityType: 'citizen',
      entityId: panel.citizen.id,
      details: {
        view: 'panel',
        ...(panel.redirectedFrom !== null && { redirectedFrom: panel.redirectedFrom }),
        cases: panel.cases.length,
        interactions: panel.recent.length,
      },
    })),
  ),
  timeline: caseworkerProcedure.input(citizenTimelineInput).query(async ({ ctx, input }) =>
    auditRead(ctx, await citizenTimeline(ctx.db, caseAccessOf(ctx), input), (page) => ({
      action: 'citizen.timeline_viewed',
      entityType: 'citizen',
      entityId: input.citizenId,
      details: { interactions: page.items.length, interactionIds: page.items.map((item) => item.id) },
    })),
  ),
  duplicates: caseworkerProcedure.input(byId).query(async ({ ctx, input }) =>
    auditRead(ctx, await duplicateSuggestions(ctx.db, input.id), (suggestions) => ({
      action: 'citizen.duplicates_viewed',
      entityType: 'citizen',
      entityId: input.id,
      details: { count: suggestions.length, citizenIds: suggestions.map((s) => s.citizen.id) },
    })),
  ),
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
