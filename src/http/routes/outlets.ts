import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getShopSettings, updateShopSettings } from '../../services/settings.ts';
import { selectOutlets, selectRegisters } from '../../store/outlets.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import type { RouteOptions } from './options.ts';

const Settings = Type.Object({ shopName: Type.String(), defaultCountry: Type.String() });

export const outletRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/outlets',
    {
      preHandler: requirePermission(null),
      schema: {
        tags: ['outlets'],
        response: {
          200: Type.Object({
            outlets: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                currency: Type.String(),
                timeZone: Type.String(),
                registers: Type.Array(
                  Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const registers = await selectRegisters(deps.db);
      const outlets = await selectOutlets(deps.db);
      return {
        outlets: outlets.map((outlet) => ({
          ...outlet,
          registers: registers.filter((register) => register.outletId === outlet.id),
        })),
      };
    },
  );

  app.get(
    '/settings',
    {
      preHandler: requirePermission(null),
      schema: { tags: ['settings'], response: { 200: Type.Object({ settings: Settings }) } },
    },
    async () => ({ settings: await getShopSettings(deps.db) }),
  );

  app.patch(
    '/settings',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['settings'],
        body: Type.Object(
          {
            shopName: Type.Optional(Type.String({ maxLength: 80 })),
            defaultCountry: Type.Optional(Type.String({ maxLength: 2 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ settings: Settings }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await updateShopSettings(deps.db, actorFrom(request), request.body),
        (settings) => ({ settings }),
      ),
  );
};
