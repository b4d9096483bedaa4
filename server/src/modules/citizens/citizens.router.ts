import {
  addContactPointInput,
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
import { caseworkerProcedure, router } from '../../trpc/init.js';
import { citizenPanel, citizenTimeline } from './citizen-history.service.js';
import { addContact, createCitizen, getCitizen, lookupCitizens, removeContact, updateCitizen } from './citizens.service.js';
import { duplicateSuggestions } from './duplicates.service.js';
import { mergeCitizens } from './merge-citizens.service.js';

const byId = z.object({ id: idSchema });

export const citizensRouter = router({
  byId: caseworkerProcedure.input(byId).query(({ ctx, input }) => getCitizen(ctx.db, input.id)),
  lookup: caseworkerProcedure
    .input(citizenLookupInput)
    .query(({ ctx, input }) => lookupCitizens(ctx.db, input.query, input.limit)),
  panel: caseworkerProcedure.input(byId).query(({ ctx, input }) => citizenPanel(ctx.db, input.id)),
  timeline: caseworkerProcedure.input(citizenTimelineInput).query(({ ctx, input }) => citizenTimeline(ctx.db, input)),
  duplicates: caseworkerProcedure.input(byId).query(({ ctx, input }) => duplicateSuggestions(ctx.db, input.id)),
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
