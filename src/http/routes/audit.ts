import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listAudit } from '../../services/audit.ts';
import { requirePermission } from '../authentication.ts';
import { Paging } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      preHandler: requirePermission('audit.read'),
      schema: {
        tags: ['audit'],
        summary: 'Who did what: sign-ins, staff changes, reveals, merges, imports, exports',
        querystring: Type.Object(
          {
            ...Paging,
            action: Type.Optional(Type.String({ maxLength: 80 })),
            subjectId: Type.Optional(Type.String({ maxLength: 80 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                at: Type.String(),
                action: Type.String(),
                actorName: Type.String(),
                subjectType: Type.Union([Type.String(), Type.Null()]),
                subjectId: Type.Union([Type.String(), Type.Null()]),
                detail: Type.Record(Type.String(), Type.Unknown()),
              }),
            ),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const { items, total } = await listAudit(deps.db, {
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 50,
        ...(request.query.action ? { action: request.query.action } : {}),
        ...(request.query.subjectId ? { subjectId: request.query.subjectId } : {}),
      });
      return {
        total,
        items: items.map((item) => ({
          id: item.id,
          at: item.at.toISOString(),
          action: item.action,
          actorName: item.actorLabel,
          subjectType: item.subjectType,
          subjectId: item.subjectId,
          detail: item.detail,
        })),
      };
    },
  );
};
