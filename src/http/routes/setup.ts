import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { signInWithPassword } from '../../services/staff/auth.ts';
import { isFirstRun, setUpShop } from '../../services/shop/setup.ts';
import { sendFailure } from '../errors.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { SetupBody, SetupNeeded } from '../schemas/shop.ts';
import { SessionAnswer } from '../schemas/staff.ts';
import type { RouteOptions } from './options.ts';

const tags = ['setup'];

/**
 * The first run of an empty shop (no demo): while no staff exist, anyone who can reach
 * the server may create the first admin, the shop, its first outlet and register, and
 * is then signed in as that admin. Afterwards the set-up answers 403.
 */
export const setupRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps, settings },
) => {
  app.get(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Whether the shop still needs its first-run set-up (no staff exist yet)',
        response: { 200: SetupNeeded },
      },
    },
    async () => ({ needed: await isFirstRun(deps) }),
  );

  app.post(
    '/setup',
    {
      config: { rateLimit: { max: settings.signInRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'First run: create the first admin, the shop, its first outlet and register, and sign in (only while no staff exist)',
        body: SetupBody,
        response: { 201: SessionAnswer },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const done = await setUpShop(deps, body);
      if (!done.ok) return sendFailure(reply, done);
      const signedIn = await signInWithPassword(deps, {
        username: done.value.admin.username,
        password: body.admin.password,
        sessionHours: settings.sessionHours,
      });
      if (!signedIn.ok) return sendFailure(reply, signedIn);
      setSessionCookie(reply, settings, signedIn.value);
      return reply.code(201).send({ session: signedIn.value.session });
    },
  );
};
