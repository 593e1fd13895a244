import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  changeStaff,
  createApiKey,
  createStaff,
  listApiKeys,
  listStaff,
  revokeKey,
} from '../../services/staff/staff.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { IdParams, NoContent } from '../schemas/platform.ts';
import {
  ApiKeyCreated,
  ApiKeyList,
  NewApiKeyBody,
  NewStaffBody,
  StaffAnswer,
  StaffChangeBody,
  StaffList,
} from '../schemas/staff.ts';
import type { RouteOptions } from './options.ts';

export const staffRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const manageStaff = requirePermission('staff.manage');
  const manageKeys = requirePermission('apikey.manage');

  app.get(
    '/staff',
    {
      preHandler: manageStaff,
      schema: { tags: ['staff'], response: { 200: StaffList } },
    },
    async () => ({ staff: await listStaff(deps.db) }),
  );

  app.post(
    '/staff',
    {
      preHandler: manageStaff,
      schema: {
        tags: ['staff'],
        body: NewStaffBody,
        response: { 201: StaffAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createStaff({ deps, actor: actorFrom(request), input: request.body }),
        (staff) => ({ staff }),
        201,
      ),
  );

  app.patch(
    '/staff/:id',
    {
      preHandler: manageStaff,
      schema: {
        tags: ['staff'],
        params: IdParams,
        body: StaffChangeBody,
        response: { 200: StaffAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await changeStaff({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          input: request.body,
        }),
        (staff) => ({
          staff,
        }),
      ),
  );

  app.get(
    '/api-keys',
    {
      preHandler: manageKeys,
      schema: {
        tags: ['api keys'],
        response: { 200: ApiKeyList },
      },
    },
    async () => ({ apiKeys: await listApiKeys(deps.db) }),
  );

  app.post(
    '/api-keys',
    {
      preHandler: manageKeys,
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key for an integration; the secret is shown once',
        body: NewApiKeyBody,
        response: { 201: ApiKeyCreated },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createApiKey({ deps, actor: actorFrom(request), input: request.body }),
        (v) => v,
        201,
      ),
  );

  app.delete(
    '/api-keys/:id',
    {
      preHandler: manageKeys,
      schema: { tags: ['api keys'], params: IdParams, response: { 204: NoContent } },
    },
    async (request, reply) => {
      const result = await revokeKey({ deps, actor: actorFrom(request), id: request.params.id });
      return result.ok ? reply.code(204).send(null) : answer(reply, result);
    },
  );
};
