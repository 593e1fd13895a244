import type { FastifyInstance, RouteOptions } from 'fastify';
import { Problem } from './schemas/platform.ts';

/**
 * What every API operation may answer, written into its schema so that the OpenAPI
 * document tells an integrator the truth: its success status (which each route must
 * declare, or the app refuses to start) and the problem+json errors it can give.
 */

const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: Problem } },
});

const errors = {
  400: problem(
    'Bad input: `code` is validation_failed or a rule of the shop, `field` names the input',
  ),
  401: problem('Not signed in (unauthenticated), or the session has expired'),
  403: problem(
    "The caller's role may not do this (forbidden), or a supervisor's approval is needed",
  ),
  404: problem('What the request names does not exist (customer_not_found, sale_not_found, …)'),
  '5XX': problem(
    'Our side failed (internal_error), or a service it needs is not set up or failed (mail_not_configured, mail_failed)',
  ),
};

const conflict = problem(
  'A conflict: the state does not allow it (insufficient_balance, version_conflict, …), the Idempotency-Key was used for another request (idempotency_key_reused), or its first request is still running (request_in_progress: retry after Retry-After seconds to get its answer)',
  { 'Retry-After': { type: 'integer', description: 'with request_in_progress: seconds to wait' } },
);

const rateLimited = problem('Too many attempts (rate_limited): wait a minute', {
  'Retry-After': { type: 'integer', description: 'seconds to wait' },
});

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/** The status keys an answer with this status may be documented under. */
function documentedUnder(status: number): string[] {
  const range = `${String(status)[0]}XX`;
  return [String(status), range, range.toLowerCase(), 'default'];
}

export function registerResponseContract(
  app: FastifyInstance,
  options: { enforceAtRuntime: boolean },
): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const responses = (route.schema?.response ?? {}) as Record<string, unknown>;
    if (!Object.keys(responses).some((status) => status.startsWith('2'))) {
      throw new Error(`${methodsOf(route).join(',')} ${route.url} documents no success response`);
    }
    const changes = methodsOf(route).some((method) => mutating.has(method));
    route.schema = {
      ...route.schema,
      response: {
        ...errors,
        ...(changes ? { 409: conflict } : {}),
        ...(route.config?.rateLimit ? { 429: rateLimited } : {}),
        ...responses,
      },
    };
  });
  if (!options.enforceAtRuntime) return;
  // In tests: an answer whose status the document does not list is a bug in the route.
  app.addHook('onSend', async (request, reply, payload) => {
    const documented = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
    if (!request.routeOptions.url?.startsWith('/api/v1/') || !documented) return payload;
    if (!documentedUnder(reply.statusCode).some((key) => key in documented)) {
      throw new Error(
        `${request.method} ${request.routeOptions.url} answered ${reply.statusCode}, which its schema does not document`,
      );
    }
    return payload;
  });
}
