import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listAudit } from '../../services/platform/audit.ts';
import { requirePermission } from '../authentication.ts';
import { AuditPage, AuditQuery } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      preHandler: requirePermission('audit.read'),
      schema: {
        tags: ['audit'],
        summary:
          'Who did what: sign-ins, staff changes, reveals, customers created, merges, money adjustments, imports, exports',
        querystring: AuditQuery,
        response: { 200: AuditPage },
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
