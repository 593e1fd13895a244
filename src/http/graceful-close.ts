import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './errors.ts';

/** A drained server closes once nothing has arrived for this long, */
const quietMs = 100;
/** or at the latest this long after the last request in flight ended. */
const lingerMs = 1_000;

/**
 * What `app.close()` does on a listening server, so that a stop loses no answer:
 *
 * 1. New requests (a keep-alive connection's next one, or a connection accepted during the
 *    stop) get a complete 503 `shutting_down` problem with `Connection: close`; the till
 *    retries it with the same Idempotency-Key.
 * 2. Every request already received runs to its end, including those queued behind
 *    PGlite's single connection, and its answer carries `Connection: close`, so the
 *    client's keep-alive socket ends with it instead of idling for Fastify's 72-second
 *    keep-alive timeout (the 70-second stop on PostgreSQL).
 * 3. Only when nothing is in flight and nothing new has come for a moment is the listener
 *    closed and the idle connections dropped. Closing them at once would reset
 *    connections whose request still sits unread in the socket (PGlite runs its queries
 *    on this thread and starves socket reads while its queue is full) and the ones still
 *    in the kernel's accept queue: requests the clients did send.
 *
 * How long all this may take is bounded by the caller (CLIENTELE_SHUTDOWN_SECONDS).
 */
export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  let inFlight = 0;
  let lastArrival = 0;
  // Accepted connections whose first request has not been read yet: PGlite runs queries on
  // this thread, so under load a request can wait in its socket until the queue empties.
  const waiting = new Set<Socket>();

  app.server.on('connection', (socket: Socket) => {
    lastArrival = Date.now();
    waiting.add(socket);
    socket.once('close', () => waiting.delete(socket));
  });
  // Counted at the HTTP server, where a request is known from its headers on (its body may
  // still be arriving) until its response has been sent or its client went away.
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    lastArrival = Date.now();
    waiting.delete(request.socket);
    inFlight += 1;
    response.once('close', () => (inFlight -= 1));
  });

  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close').header('retry-after', '5');
    return sendProblem(reply, {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: 'shutting_down',
      detail: 'The server is stopping; send the request again in a few seconds',
    });
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });

  app.addHook('preClose', async () => {
    closing = true;
    let drainedAt: number | null = null;
    for (;;) {
      const now = Date.now();
      if (inFlight > 0) drainedAt = null;
      else drainedAt ??= now;
      if (drainedAt !== null) {
        const quiet = now - lastArrival >= quietMs && waiting.size === 0;
        if (quiet || now - drainedAt >= lingerMs) return;
      }
      await sleep(20);
    }
  });
}
