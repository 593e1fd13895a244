import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer holds a customer's contact details in clear (a reveal, an export). */
    contactDetails?: boolean;
  }
}

const contactFields = new Set(['phone', 'email', 'address', 'birthday']);

/** A yes/no about a contact detail (an erasure's "email suppressed") cannot hold one. */
function isFlag(property: unknown): boolean {
  return typeof property === 'object' && property !== null && 'type' in property
    ? property.type === 'boolean'
    : false;
}

/** Whether a response schema has a property named like a contact detail, however deep. */
export function schemaHoldsContactDetails(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  if (Array.isArray(schema)) return schema.some(schemaHoldsContactDetails);
  const node = schema as Record<string, unknown>;
  const properties = node.properties;
  if (
    typeof properties === 'object' &&
    properties !== null &&
    Object.entries(properties).some(
      ([name, property]) => contactFields.has(name) && !isFlag(property),
    )
  ) {
    return true;
  }
  return Object.values(node).some(schemaHoldsContactDetails);
}

/**
 * Answers with contact details in clear are never kept anywhere: not by a browser or a
 * proxy (`Cache-Control: no-store`) and not in the idempotency table (see
 * idempotency.ts). A route whose response schema names a contact field must say so
 * with `config: { contactDetails: true }`, or the app refuses to start: a new route
 * cannot forget it.
 */
export function registerContactDetailsRule(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const declared = route.config?.contactDetails === true;
    if (!declared && schemaHoldsContactDetails(route.schema?.response)) {
      throw new Error(
        `${String(route.method)} ${route.url} answers contact details: give it config.contactDetails`,
      );
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.contactDetails) reply.header('cache-control', 'no-store');
    return payload;
  });
}
