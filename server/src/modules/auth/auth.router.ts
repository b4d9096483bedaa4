import { loginInput, setLocaleInput, userSettingsInput } from '@anliegen/shared';
import { authedProcedure, publicProcedure, router } from '../../trpc/init.js';
import { setUserLocale, setUserSettings } from '../users/users.service.js';
import { actorOf } from '../../domain/actor.js';
import { extendSession, login, logout, sessionTimes } from './auth.service.js';

export const authRouter = router({
  /** The logged-in user, or null: the client's auth guard asks this first. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const result = await login(ctx, input, { ip: ctx.ip, previousSessionId: ctx.session?.id ?? null });
    ctx.cookies.setSession(result.token, result.maxAgeMs);
    ctx.cookies.setCsrf(result.csrfToken);
    return result.user;
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await logout(ctx.db, ctx.session.id, { id: ctx.user.id, ip: ctx.ip });
    ctx.cookies.clearSession();
    return { ok: true as const };
  }),

  /**
   * How long the session has left (null without one), for the warning before it ends. Asking is no activity
   * (trpc-context.ts): the browser asks before it warns, so activity in another tab counts.
   */
  session: publicProcedure.query(({ ctx }) => (ctx.session ? sessionTimes(ctx, ctx.session.id) : null)),

  /** "Angemeldet bleiben": the idle timeout starts again; null when the session has ended meanwhile. */
  extend: authedProcedure.mutation(({ ctx }) => extendSession(ctx, ctx.session.id)),

  setLocale: authedProcedure.input(setLocaleInput).mutation(async ({ ctx, input }) => {
    await setUserLocale(ctx.db, ctx.user.id, input.locale);
    return { locale: input.locale };
  }),

  /** The signed-in user's own settings (WCAG 2.1.4: the single-character shortcuts on or off); `me` carries them. */
  saveSettings: authedProcedure
    .input(userSettingsInput)
    .mutation(({ ctx, input }) => setUserSettings(ctx.db, actorOf(ctx), input)),
});
