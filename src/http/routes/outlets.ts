import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  addRegister,
  changeOutlet,
  createOutlet,
  listOutlets,
} from '../../services/shop/outlets.ts';
import { getShopSettings, updateShopSettings } from '../../services/shop/settings.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { IdParams, Money, Months, Nullable } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

const Settings = Type.Object({
  shopName: Type.String(),
  defaultCountry: Type.String(),
  giftCardExpiryMonths: Type.Union([Type.Integer(), Type.Null()]),
  storeCreditExpiryMonths: Type.Union([Type.Integer(), Type.Null()]),
});

const Register = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });

const Outlet = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  timeZone: Type.String(),
  pricingMode: Type.String(),
  receiptHeader: Type.String(),
  noReceiptReturnLimit: Type.Integer(),
  settings: Type.Object({
    promptForCustomer: Type.Optional(Type.Boolean()),
    customerNameOnReceipt: Type.Optional(Type.Boolean()),
  }),
});

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
              Type.Object({ ...Outlet.properties, registers: Type.Array(Register) }),
            ),
          }),
        },
      },
    },
    async () => {
      return { outlets: await listOutlets(deps.db) };
    },
  );

  const OutletBody = {
    name: Type.Optional(Type.String({ maxLength: 80 })),
    timeZone: Type.Optional(Type.String({ maxLength: 60 })),
    pricingMode: Type.Optional(
      Type.Union([Type.Literal('tax_inclusive'), Type.Literal('tax_exclusive')]),
    ),
    receiptHeader: Type.Optional(Type.String({ maxLength: 500 })),
    noReceiptReturnLimit: Type.Optional(Money),
    settings: Type.Optional(
      Type.Object(
        {
          promptForCustomer: Type.Optional(Type.Boolean()),
          customerNameOnReceipt: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  };

  app.patch(
    '/outlets/:id',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['outlets'],
        summary:
          'Change an outlet: receipt header, pricing mode, no-receipt return limit, till settings',
        params: IdParams,
        body: Type.Object(OutletBody, { additionalProperties: false }),
        response: { 200: Type.Object({ outlet: Outlet }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await changeOutlet(deps, actorFrom(request), request.params.id, request.body),
        (outlet) => ({ outlet }),
      ),
  );

  app.post(
    '/outlets',
    {
      preHandler: requirePermission('settings.manage'),
      schema: {
        tags: ['outlets'],
        body: Type.Object(
          {
            code: Type.String({ maxLength: 10 }),
            name: Type.String({ maxLength: 80 }),
            currency: Type.String({ maxLength: 3 }),
            timeZone: Type.String({ maxLength: 60 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ outlet: Outlet }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await createOutlet(deps, actorFrom(request), request.body),
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
        body: Type.Object(
          { code: Type.String({ maxLength: 20 }), name: Type.String({ maxLength: 80 }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ register: Register }) },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await addRegister(deps, actorFrom(request), request.params.id, request.body),
        (register) => ({ register }),
        201,
      ),
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
            giftCardExpiryMonths: Type.Optional(Nullable(Months)),
            storeCreditExpiryMonths: Type.Optional(Nullable(Months)),
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
