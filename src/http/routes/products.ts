import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  findProduct,
  importProductsCsv,
  listProducts,
  saveProduct,
  searchProducts,
} from '../../services/catalogue/catalogue.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import { CsvFile, Identifier, ImportReport, Nullable, Paging, Product } from '../schemas.ts';
import type { RouteOptions } from './options.ts';

export const productRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['catalogue'];
  app.get(
    '/products',
    {
      preHandler: requirePermission(null),
      schema: {
        tags,
        querystring: Type.Object(
          { ...Paging, q: Type.Optional(Type.String({ maxLength: 80 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Product), total: Type.Integer() }) },
      },
    },
    async (request) =>
      listProducts(deps, {
        page: request.query.page ?? 1,
        pageSize: request.query.pageSize ?? 25,
        ...(request.query.q ? { text: request.query.q } : {}),
      }),
  );

  app.get(
    '/products/search',
    {
      preHandler: requirePermission(null),
      schema: {
        tags,
        summary:
          'Products for the till typeahead: every word starts a word of the name, brand, colour, size or SKU',
        querystring: Type.Object(
          {
            q: Type.String({ maxLength: 80 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 25 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Product) }) },
      },
    },
    async (request) => ({
      items: await searchProducts(deps, request.query.q, request.query.limit ?? 10),
    }),
  );

  app.get(
    '/products/:code',
    {
      preHandler: requirePermission(null),
      schema: {
        tags,
        summary: 'A product by scanned barcode or SKU',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        response: { 200: Type.Object({ product: Product }) },
      },
    },
    async (request, reply) =>
      answer(reply, await findProduct(deps, request.params.code), (product) => ({ product })),
  );

  app.post(
    '/products',
    {
      preHandler: requirePermission('catalogue.manage'),
      schema: {
        tags,
        summary: 'Add or update a product by SKU; price as "12.50", taxRate in percent',
        body: Type.Object(
          {
            sku: Identifier({ maxLength: 40 }),
            barcode: Type.Optional(Nullable(Identifier({ maxLength: 40 }))),
            name: Type.String({ maxLength: 120 }),
            category: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            brand: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            size: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            colour: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            price: Type.String({ maxLength: 20 }),
            taxRate: Type.String({ maxLength: 6 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ product: Product }) },
      },
    },
    async (request, reply) =>
      answer(reply, await saveProduct(deps, actorFrom(request), request.body), (product) => ({
        product,
      })),
  );

  app.post(
    '/products/import',
    {
      preHandler: requirePermission('catalogue.manage'),
      schema: {
        tags,
        summary:
          'Import a catalogue CSV (sku, barcode, name, category, brand, size, colour, price, tax_rate)',
        body: Type.Object({ csv: CsvFile }, { additionalProperties: false }),
        response: { 200: ImportReport },
      },
      bodyLimit: 6_000_000,
    },
    async (request, reply) =>
      answer(reply, await importProductsCsv(deps, actorFrom(request), request.body.csv)),
  );
};
