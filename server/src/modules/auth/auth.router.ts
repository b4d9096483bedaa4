import { loginInput, setLocaleInput } from '@anliegen/shared';
import { authedProcedure, publicProcedure, router } from '../../trpc/init.js';
import { setUserLocale } from '../users/users.service.js';
import { login, logout } from './auth.service.js';

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

  setLocale: authedProcedure.input(setLocaleInput).mutation(async ({ ctx, input }) => {
    await setUserLocale(ctx.db, ctx.user.id, input.locale);
    return { locale: input.locale };
  }),
});
