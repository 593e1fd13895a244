import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listAudit } from '../../services/platform/audit.ts';
import { requirePermission } from '../authentication.ts';
import { Nullable, Paging } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const AuditItem = Type.Object({
  id: Type.String(),
  at: Type.String(),
  action: Type.String({ description: 'a stable code such as customer.contacts_revealed' }),
  actorName: Type.String({
    description: 'as logged: a username, api-key:<name>, or a label such as cli',
  }),
  actor: Type.Object({
    kind: Type.Union([Type.Literal('staff'), Type.Literal('api_key'), Type.Literal('system')]),
    name: Type.String(),
    username: Nullable(Type.String()),
  }),
  subjectType: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  subjectLabel: Nullable(
    Type.String({ description: 'the subject as people know it, e.g. sale 0001-000123' }),
  ),
  customer: Nullable(
    Type.Object({ id: Type.String(), number: Type.String(), name: Type.String() }),
  ),
  currency: Nullable(Type.String({ description: 'the currency of the amounts in detail' })),
  detail: Type.Record(Type.String(), Type.Unknown()),
  names: Type.Record(Type.String(), Type.String(), {
    description: 'readable names for the ids in detail',
  }),
});

export const auditRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      preHandler: requirePermission('audit.read'),
      schema: {
        tags: ['audit'],
        summary:
          'Who did what: sign-ins, staff changes, reveals, customers created, merges, money adjustments, imports, exports',
        querystring: Type.Object(
          {
            ...Paging,
            action: Type.Optional(Type.String({ maxLength: 80 })),
            subjectId: Type.Optional(Type.String({ maxLength: 80 })),
            who: Type.Optional(
              Type.String({
                maxLength: 80,
                description: "part of the staff member's username or name, or an API key's name",
              }),
            ),
            from: Type.Optional(
              Type.String({ format: 'date-time', description: 'from this moment on' }),
            ),
            to: Type.Optional(
              Type.String({ format: 'date-time', description: 'before this moment' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(AuditItem), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listAudit(deps.db, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        ...(query.action ? { action: query.action } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.who ? { who: query.who } : {}),
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      });
      return {
        total,
        items: items.map(({ actorLabel, ...item }) => ({
          ...item,
          at: item.at.toISOString(),
          actorName: actorLabel,
        })),
      };
    },
  );
};
