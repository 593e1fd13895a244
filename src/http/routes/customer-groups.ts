import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  groupMembers,
  listGroups,
  recomputeGroups,
  saveGroup,
  setGroupMembership,
} from '../../services/customers/customer-groups.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import {
  GroupAnswer,
  GroupBody,
  GroupList,
  GroupMemberParams,
  GroupMembers,
  GroupRecomputeAnswer,
} from '../schemas/customers.ts';
import { IdParams } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

const view = <T extends { recomputedAt: Date | null }>(group: T) => ({
  ...group,
  recomputedAt: group.recomputedAt?.toISOString() ?? null,
});

export const groupRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['groups'];

  app.get(
    '/groups',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'Customer groups and tiers',
        response: { 200: GroupList },
      },
    },
    async () => ({ groups: (await listGroups(deps)).map(view) }),
  );

  for (const [method, url] of [
    ['POST', '/groups'],
    ['PUT', '/groups/:id'],
  ] as const) {
    app.route({
      method,
      url,
      preHandler: requirePermission('group.manage'),
      schema: {
        tags,
        summary: 'Add or change a group: manual, or by rule (spend over months, visits over days)',
        ...(method === 'PUT' ? { params: IdParams } : {}),
        body: GroupBody,
        response: { 200: GroupAnswer },
      },
      handler: async (request, reply) => {
        const id = (request.params as { id?: string }).id;
        const body = request.body as Parameters<typeof saveGroup>[0]['input'];
        return answer(
          reply,
          await saveGroup({
            deps,
            actor: actorFrom(request),
            input: {
              ...body,
              rule: body.rule ?? null,
              ...(id ? { id } : {}),
            },
          }),
          (group) => ({ group: view(group) }),
        );
      },
    });
  }

  app.get(
    '/groups/:id/members',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        params: IdParams,
        response: { 200: GroupMembers },
      },
    },
    async (request, reply) =>
      answer(reply, await groupMembers(deps, request.params.id), (members) => ({ members })),
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/groups/:id/members/:customerId',
      preHandler: requirePermission('group.manage'),
      schema: {
        tags,
        summary:
          method === 'PUT'
            ? 'Add a customer to a manual group'
            : 'Take a customer out of a manual group',
        params: GroupMemberParams,
        response: { 200: GroupAnswer },
      },
      handler: async (request, reply) => {
        const params = request.params as { id: string; customerId: string };
        return answer(
          reply,
          await setGroupMembership({
            deps,
            actor: actorFrom(request),
            groupId: params.id,
            customerId: params.customerId,
            member: method === 'PUT',
          }),
          (group) => ({ group: view(group) }),
        );
      },
    });
  }

  app.post(
    '/groups/recompute',
    {
      preHandler: requirePermission('group.manage'),
      schema: {
        tags,
        summary: 'Bring rule-based groups up to date now (the server also does it hourly)',
        response: { 200: GroupRecomputeAnswer },
      },
    },
    async () => ({ results: await recomputeGroups(deps) }),
  );
};
