import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
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
import { IdParams, NoContent, Password, Role } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Staff = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  active: Type.Boolean(),
  hasPassword: Type.Boolean(),
  hasPin: Type.Boolean(),
  createdAt: Type.String(),
});
const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const staffRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const manageStaff = requirePermission('staff.manage');
  const manageKeys = requirePermission('apikey.manage');

  app.get(
    '/staff',
    {
      preHandler: manageStaff,
      schema: { tags: ['staff'], response: { 200: Type.Object({ staff: Type.Array(Staff) }) } },
    },
    async () => ({ staff: await listStaff(deps.db) }),
  );

  app.post(
    '/staff',
    {
      preHandler: manageStaff,
      schema: {
        tags: ['staff'],
        body: Type.Object(
          {
            username: Type.String({ maxLength: 40 }),
            displayName: Type.String({ maxLength: 80 }),
            role: Role,
            password: Type.Optional(Password({ maxLength: 200 })),
            pin: Type.Optional(Type.String({ maxLength: 8 })),
            homeOutletId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ staff: Staff }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createStaff(deps, actorFrom(request), request.body),
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
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ maxLength: 80 })),
            role: Type.Optional(Role),
            active: Type.Optional(Type.Boolean()),
            password: Type.Optional(Password({ maxLength: 200 })),
            pin: Type.Optional(Type.String({ maxLength: 8 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ staff: Staff }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await changeStaff(deps, actorFrom(request), request.params.id, request.body),
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
        response: { 200: Type.Object({ apiKeys: Type.Array(ApiKey) }) },
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
        body: Type.Object(
          { name: Type.String({ maxLength: 80 }), role: Role },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ apiKey: ApiKey, secret: Type.String() }) },
      },
    },
    async (request, reply) =>
      answer(reply, await createApiKey(deps, actorFrom(request), request.body), (v) => v, 201),
  );

  app.delete(
    '/api-keys/:id',
    {
      preHandler: manageKeys,
      schema: { tags: ['api keys'], params: IdParams, response: { 204: NoContent } },
    },
    async (request, reply) => {
      const result = await revokeKey(deps, actorFrom(request), request.params.id);
      return result.ok ? reply.code(204).send(null) : answer(reply, result);
    },
  );
};
