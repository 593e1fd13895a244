import type { FastifyInstance } from 'fastify';
import type { TestFault } from '../config.ts';
import type { ServiceDeps } from '../services/platform/context.ts';
import {
  idempotencyClaims,
  idempotencyScope,
  validateIdempotencyKey,
  type Claim,
} from '../services/platform/idempotency.ts';
import { sendFailure } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Claim | null;
  }
  interface FastifyContextConfig {
    /**
     * A POST that changes nothing (a quote, a look-up): it claims no Idempotency-Key and
     * stores no answer, whatever the client sends.
     */
    readOnly?: boolean;
  }
}

export type IdempotencySettings = {
  /** This process alone opens the database (embedded PGlite): a claim it does not hold is dead. */
  exclusiveDatabase?: boolean;
  /** How long a dead server's claims block retries on a shared database (default 10 s). */
  leaseMs?: number;
  /** Tests only (CLIENTELE_TEST_FAULT): kill the process at this point of the first keyed request. */
  testFault?: TestFault | null;
};

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Any mutating call may carry an `Idempotency-Key`: a retry (say, a till whose network
 * dropped before the answer arrived) gets the first answer instead of doing the work twice;
 * the same key with another body is a 409 with no side effect. The key is claimed before
 * the handler runs and its answer recorded after; if the server dies in between, the retry
 * takes the claim over and runs the request again (see services/platform/idempotency.ts). Ledger
 * operations additionally record their key inside their own transaction, so that rerun
 * answers with what the first run committed.
 */
export function registerIdempotency(
  app: FastifyInstance,
  deps: ServiceDeps,
  settings: IdempotencySettings = {},
): void {
  const claims = idempotencyClaims(deps.db, {
    exclusive: settings.exclusiveDatabase ?? false,
    ...(settings.leaseMs === undefined ? {} : { leaseMs: settings.leaseMs }),
    onError: (error) => app.log.warn({ err: error }, 'idempotency heartbeat failed'),
  });
  const crashAt = testFault(settings.testFault ?? null);

  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (typeof header !== 'string' || !mutating.has(request.method) || !request.auth) return;
    if (request.routeOptions.config.readOnly) return;
    const key = validateIdempotencyKey(header);
    if (!key.ok) return sendFailure(reply, key);
    const scope = idempotencyScope(request.auth.actor);
    const fingerprint = JSON.stringify([request.method, request.url, request.body ?? null]);
    const begun = await claims.begin({ scope, key: key.value, fingerprint });
    if (!begun.ok) {
      // The first request with this key is still running: its answer is coming.
      if (begun.code === 'request_in_progress') reply.header('retry-after', '1');
      return sendFailure(reply, begun);
    }
    if ('claim' in begun.value) {
      request.idempotency = begun.value.claim;
      await crashAt('crash-after-claim');
      return;
    }
    const replay = begun.value.replay;
    return reply
      .code(replay.status)
      .header('idempotent-replayed', 'true')
      .type(replay.contentType ?? 'application/json')
      .send(replay.body);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    await crashAt('crash-before-answer');
    try {
      if (request.routeOptions.config.contactDetails) {
        // Contact details in clear are never stored: the key is freed and a retry runs
        // again (a reveal is read-only but for its audit entry, which then says so twice).
        await claims.release(claim);
      } else {
        await claims.finish(claim, {
          status: reply.statusCode,
          body: bodyText(payload),
          contentType: (reply.getHeader('content-type') as string | undefined) ?? null,
        });
      }
    } catch (error) {
      // The answer is right and goes out; only its copy is lost. The claim is no longer
      // held, so a retry takes it over and reruns the request.
      request.log.error({ err: error }, 'could not record the answer to an Idempotency-Key');
    }
    return payload;
  });
  // A request that ended without its answer going through onSend (the client went away
  // mid-stream, a hook failed): its key must not stay claimed.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotency;
    if (!claim) return;
    request.idempotency = null;
    await claims.release(claim).catch((error: unknown) => {
      request.log.warn({ err: error }, 'could not free an Idempotency-Key');
    });
  });
  app.addHook('onClose', async () => claims.close());
}

function bodyText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return '';
}

/**
 * The crash test's seam: with CLIENTELE_TEST_FAULT set (tests only, see src/config.ts) the
 * process kills itself at that point of the first request that claimed a key, as a power
 * cut or `kill -9` would. Without it, a no-op.
 */
function testFault(fault: TestFault | null): (point: TestFault) => Promise<void> {
  let fired = false;
  return async (point) => {
    if (fault !== point || fired) return;
    fired = true;
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
  };
}
