import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  findProduct,
  importProductsCsv,
  listProducts,
  saveProduct,
  searchProducts,
} from '../../services/catalogue/catalogue.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { answer } from '../route-helpers.ts';
import {
  ProductAnswer,
  ProductBody,
  ProductCodeParams,
  ProductListQuery,
  ProductPage,
  ProductSearchAnswer,
  ProductSearchQuery,
} from '../schemas/catalogue.ts';
import { CsvImportBody, ImportReport } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

export const productRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['catalogue'];
  app.get(
    '/products',
    {
      preHandler: requirePermission(null),
      schema: {
        tags,
        querystring: ProductListQuery,
        response: { 200: ProductPage },
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
        querystring: ProductSearchQuery,
        response: { 200: ProductSearchAnswer },
      },
    },
    async (request) => ({
      items: await searchProducts({
        deps,
        query: request.query.q,
        limit: request.query.limit ?? 10,
      }),
    }),
  );

  app.get(
    '/products/:code',
    {
      preHandler: requirePermission(null),
      schema: {
        tags,
        summary: 'A product by scanned barcode or SKU',
        params: ProductCodeParams,
        response: { 200: ProductAnswer },
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
        body: ProductBody,
        response: { 200: ProductAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await saveProduct({ deps, actor: actorFrom(request), input: request.body }),
        (product) => ({
          product,
        }),
      ),
  );

  app.post(
    '/products/import',
    {
      preHandler: requirePermission('catalogue.manage'),
      schema: {
        tags,
        summary:
          'Import a catalogue CSV (sku, barcode, name, category, brand, size, colour, price, tax_rate)',
        body: CsvImportBody,
        response: { 200: ImportReport },
      },
      bodyLimit: 6_000_000,
    },
    async (request, reply) =>
      answer(
        reply,
        await importProductsCsv({ deps, actor: actorFrom(request), csv: request.body.csv }),
      ),
  );
};
