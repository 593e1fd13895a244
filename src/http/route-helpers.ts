import type { FastifyReply } from 'fastify';
import type { Result } from '../domain/result.ts';
import { sendFailure } from './errors.ts';

/** Sends a service result: the value (through `shape`) on success, problem+json otherwise. */
export function answer<T>(
  reply: FastifyReply,
  result: Result<T>,
  shape: (value: T) => unknown = (value) => value,
  status = 200,
): FastifyReply {
  if (!result.ok) return sendFailure(reply, result);
  return reply.code(status).send(shape(result.value));
}
