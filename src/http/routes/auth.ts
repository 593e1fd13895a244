import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { permissionsOf } from '../../domain/permissions.ts';
import { signInWithPassword, signInWithPin, signOut } from '../../services/staff/auth.ts';
import { listActiveRegisters } from '../../services/shop/outlets.ts';
import { requirePermission, sessionCookie } from '../authentication.ts';
import { sendFailure } from '../errors.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { NoContent } from '../schemas/platform.ts';
import { SignInRegisters } from '../schemas/shop.ts';
import { PasswordSignInBody, PinSignInBody, SessionAnswer } from '../schemas/staff.ts';
import type { RouteOptions } from './options.ts';

export const authRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { deps, settings },
) => {
  const rateLimit = {
    max: settings.signInRateLimitPerMinute,
    timeWindow: '1 minute',
    // Per address and username, so one person's typos do not lock out the whole shop.
    keyGenerator: (request: { ip: string; body?: unknown }) =>
      `${request.ip}:${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
  };

  app.get(
    '/registers',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Registers a till can sign in at (public: names only)',
        response: { 200: SignInRegisters },
      },
    },
    async () => {
      return { registers: await listActiveRegisters(deps.db) };
    },
  );

  app.post(
    '/auth/sign-in',
    {
      config: { rateLimit },
      schema: {
        tags: ['sign-in'],
        summary: 'Back-office sign-in with username and password',
        body: PasswordSignInBody,
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      const result = await signInWithPassword(deps, {
        ...request.body,
        sessionHours: settings.sessionHours,
      });
      if (!result.ok) return sendFailure(reply, result);
      setSessionCookie(reply, settings, result.value);
      return { session: result.value.session };
    },
  );

  app.post(
    '/auth/pin-sign-in',
    {
      config: { rateLimit },
      schema: {
        tags: ['sign-in'],
        summary: 'Till sign-in with username and PIN at a register',
        body: PinSignInBody,
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      const result = await signInWithPin(deps, {
        ...request.body,
        sessionHours: settings.sessionHours,
      });
      if (!result.ok) return sendFailure(reply, result);
      setSessionCookie(reply, settings, result.value);
      return { session: result.value.session };
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags: ['sign-in'], response: { 204: NoContent } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await signOut(deps, token);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      preHandler: requirePermission(null),
      schema: { tags: ['sign-in'], response: { 200: SessionAnswer } },
    },
    async (request) => {
      const auth = request.auth!;
      if (auth.session) return { session: auth.session };
      // An integration's key: who it is and what its role lets it do.
      return {
        session: {
          staff: {
            id: '',
            username: auth.actor.label,
            displayName: auth.actor.label,
            role: auth.actor.role,
          },
          permissions: permissionsOf(auth.actor.role),
          method: 'api_key' as const,
          outlet: null,
          register: null,
        },
      };
    },
  );
};
