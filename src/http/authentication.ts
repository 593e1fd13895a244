import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../domain/permissions.ts';
import { fail } from '../domain/result.ts';
import {
  actorFromApiKey,
  actorOf,
  sessionFromToken,
  type Authenticated,
} from '../services/staff/auth.ts';
import type { ServiceDeps } from '../services/platform/context.ts';
import { sendFailure } from './errors.ts';

export const sessionCookie = 'clientele_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

/** Resolves the session cookie or the API key into `request.auth` on every request. */
export function registerAuthentication(app: FastifyInstance, deps: ServiceDeps): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    // Sessions and API keys mean something to the API only: the web app's files, the probes
    // and /metrics (its own token) cost no database look-up and keep answering without one.
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await actorFromApiKey(deps, header.slice('Bearer '.length));
      request.auth = actor ? { actor, session: null } : null;
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const session = await sessionFromToken(deps, token);
    request.auth = session ? { actor: actorOf(session), session } : null;
  });
}

/** A preHandler that lets through only requests whose role holds the permission. */
export function requirePermission(permission: Permission | null) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.auth) {
      return sendFailure(
        reply,
        fail('unauthenticated', 'Sign in first (session expired or missing)'),
      );
    }
    if (permission && !can(request.auth.actor.role, permission)) {
      return sendFailure(
        reply,
        fail(
          'forbidden',
          `Your role (${request.auth.actor.role}) may not do this: it needs ${permission}`,
        ),
      );
    }
  };
}

export function actorFrom(request: FastifyRequest) {
  if (!request.auth) throw new Error('actorFrom called on an unauthenticated request');
  return request.auth.actor;
}
