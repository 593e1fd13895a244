import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addRegister,
  changeOutlet,
  createOutlet,
  listOutlets,
} from '../../services/shop/outlets.ts';
import { getShopSettings, updateShopSettings } from '../../services/shop/settings.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { IdParams } from '../schemas/platform.ts';
import {
  NewOutletBody,
  NewRegisterBody,
  OutletAnswer,
  OutletChangeBody,
  OutletList,
  RegisterAnswer,
  ShopSettingsAnswer,
  ShopSettingsBody,
} from '../schemas/shop.ts';
import type { RouteOptions } from './options.ts';

export const outletRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  app.get(
    '/outlets',
    {
      preHandler: requirePermission(null),
      schema: {
        tags: ['outlets'],
        response: { 200: OutletList },
      },
    },
    async () => {
      return { outlets: await listOutlets(deps.db) };
    },
  );

  app.patch(
    '/outlets/:id',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['outlets'],
        summary:
          'Change an outlet: receipt header, pricing mode, no-receipt return limit, till settings',
        params: IdParams,
        body: OutletChangeBody,
        response: { 200: OutletAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await changeOutlet({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          input: request.body,
        }),
        (outlet) => ({ outlet }),
      ),
  );

  app.post(
    '/outlets',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['outlets'],
        body: NewOutletBody,
        response: { 201: OutletAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createOutlet({ deps, actor: actorFrom(request), input: request.body }),
        (outlet) => ({ outlet }),
        201,
      ),
  );

  app.post(
    '/outlets/:id/registers',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['outlets'],
        params: IdParams,
        body: NewRegisterBody,
        response: { 201: RegisterAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await addRegister({
          deps,
          actor: actorFrom(request),
          outletId: request.params.id,
          input: request.body,
        }),
        (register) => ({ register }),
        201,
      ),
  );

  app.get(
    '/settings',
    {
      preHandler: requirePermission(null),
      schema: { tags: ['settings'], response: { 200: ShopSettingsAnswer } },
    },
    async () => ({ settings: await getShopSettings(deps.db) }),
  );

  app.patch(
    '/settings',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['settings'],
        body: ShopSettingsBody,
        response: { 200: ShopSettingsAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await updateShopSettings({ db: deps.db, actor: actorFrom(request), changes: request.body }),
        (settings) => ({ settings }),
      ),
  );
};
