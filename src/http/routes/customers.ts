import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import bwipjs from 'bwip-js';
import { formatCustomerNumber } from '../../domain/customer-number.ts';
import { linkCard, replaceCard } from '../../services/customers/customer-cards.ts';
import { revealContacts } from '../../services/customers/customer-contacts.ts';
import { mergeCustomers } from '../../services/customers/customer-merge.ts';
import {
  searchCustomers,
  searchedErasedCustomer,
} from '../../services/customers/customer-search.ts';
import {
  checkDuplicates,
  createCustomer,
  customerHistory,
  getCustomer,
  listCustomers,
  updateCustomer,
} from '../../services/customers/customers.ts';
import { actorFrom, requirePermission } from '../authentication.ts';
import { customerErasureRoutes } from './customer-erasure.ts';
import { customerExportRoutes } from './customer-export.ts';
import { answer } from '../route-helpers.ts';
import {
  CustomerAnswer,
  CustomerCardParams,
  CustomerChangeBody,
  CustomerCreated,
  CustomerHistory,
  CustomerListQuery,
  CustomerPage,
  CustomerSearchAnswer,
  CustomerSearchQuery,
  DuplicatesAnswer,
  DuplicatesBody,
  LinkCardBody,
  MergeBody,
  NewCustomerBody,
  ReplaceCardBody,
  RevealBody,
  RevealedContacts,
} from '../schemas/customers.ts';
import { FileAnswer, IdParams } from '../schemas/platform.ts';
import type { RouteOptions } from './options.ts';

export const customerRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { deps }) => {
  const tags = ['customers'];
  await app.register(customerExportRoutes, { deps });
  await app.register(customerErasureRoutes, { deps });

  app.get(
    '/customers/search',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'Till search: card, number, phone (whole or last digits), email or name fragments',
        querystring: CustomerSearchQuery,
        response: { 200: CustomerSearchAnswer },
      },
    },
    async (request) => {
      const results = await searchCustomers({
        deps,
        query: request.query.q,
        limit: request.query.limit ?? 10,
      });
      const erased = results.length === 0 && (await searchedErasedCustomer(deps, request.query.q));
      return { results, erased };
    },
  );

  app.get(
    '/customers',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        summary: 'Back-office customer list with paging and filters',
        querystring: CustomerListQuery,
        response: { 200: CustomerPage },
      },
    },
    async (request) => {
      const query = request.query;
      const createdBefore = query.createdTo
        ? new Date(Date.parse(query.createdTo) + 86_400_000)
        : undefined;
      return listCustomers(deps, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 25,
        ...(query.q ? { text: query.q } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.hasEmailConsent !== undefined ? { emailConsent: query.hasEmailConsent } : {}),
        ...(query.createdFrom ? { createdFrom: new Date(query.createdFrom) } : {}),
        ...(createdBefore ? { createdBefore } : {}),
        ...(query.outletId ? { outletId: query.outletId } : {}),
      });
    },
  );

  app.post(
    '/customers/duplicates',
    {
      preHandler: requirePermission('customer.create'),
      // A look-up: no Idempotency-Key is claimed or kept.
      config: { readOnly: true },
      schema: {
        tags,
        summary: 'Who already has this phone or email (warning before creating a duplicate)',
        body: DuplicatesBody,
        response: { 200: DuplicatesAnswer },
      },
    },
    async (request, reply) =>
      answer(reply, await checkDuplicates(deps, request.body), (duplicates) => ({ duplicates })),
  );

  app.post(
    '/customers',
    {
      preHandler: requirePermission('customer.create'),
      schema: {
        tags,
        summary: 'Create a customer (only the name is required)',
        body: NewCustomerBody,
        response: { 201: CustomerCreated },
      },
    },
    async (request, reply) => {
      const source = request.auth?.actor.kind === 'api_key' ? 'api' : 'till';
      return answer(
        reply,
        await createCustomer({ deps, actor: actorFrom(request), input: request.body, source }),
        (v) => v,
        201,
      );
    },
  );

  app.get(
    '/customers/:id',
    {
      preHandler: requirePermission('customer.read'),
      schema: { tags, params: IdParams, response: { 200: CustomerAnswer } },
    },
    async (request, reply) =>
      answer(reply, await getCustomer(deps, request.params.id), (customer) => ({ customer })),
  );

  app.patch(
    '/customers/:id',
    {
      preHandler: requirePermission('customer.update'),
      schema: {
        tags,
        summary: 'Edit a customer; a missing field is left alone, null clears a contact field',
        params: IdParams,
        body: CustomerChangeBody,
        response: { 200: CustomerAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await updateCustomer({
          deps,
          actor: actorFrom(request),
          id: request.params.id,
          input: request.body,
        }),
        (customer) => ({ customer }),
      ),
  );

  app.get(
    '/customers/:id/history',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        params: IdParams,
        response: { 200: CustomerHistory },
      },
    },
    async (request, reply) =>
      answer(reply, await customerHistory(deps.db, request.params.id), (changes) => ({
        changes: changes.map((change) => ({
          id: change.id,
          at: change.at.toISOString(),
          kind: change.kind,
          staffName: change.actorName,
          fields: change.fields,
        })),
      })),
  );

  app.post(
    '/customers/:id/reveal',
    {
      preHandler: requirePermission('customer.reveal'),
      config: { contactDetails: true },
      schema: {
        tags,
        summary: 'Reveal contact details, with a reason; every reveal is in the audit log',
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealedContacts },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await revealContacts({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          reason: request.body.reason,
        }),
        (contacts) => ({ contacts }),
      ),
  );

  app.post(
    '/customers/:id/cards',
    {
      preHandler: requirePermission('card.link'),
      schema: {
        tags,
        summary: 'Link a pre-printed customer card by its scanned number',
        params: IdParams,
        body: LinkCardBody,
        response: { 201: CustomerAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await linkCard({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          cardInput: request.body.cardNumber,
        }),
        (customer) => ({ customer }),
        201,
      ),
  );

  app.post(
    '/customers/:id/cards/:cardNumber/replace',
    {
      preHandler: requirePermission('card.link'),
      schema: {
        tags,
        summary: 'Replace a lost card: the old one stops working, the new one is linked',
        params: CustomerCardParams,
        body: ReplaceCardBody,
        response: { 200: CustomerAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await replaceCard({
          deps,
          actor: actorFrom(request),
          customerId: request.params.id,
          lostCardNumber: request.params.cardNumber,
          newCardInput: request.body.newCardNumber,
        }),
        (customer) => ({ customer }),
      ),
  );

  app.post(
    '/customers/:id/merge',
    {
      preHandler: requirePermission('customer.merge'),
      schema: {
        tags,
        summary: 'Merge another customer into this one (cards, history, consents move here)',
        params: IdParams,
        body: MergeBody,
        response: { 200: CustomerAnswer },
      },
    },
    async (request, reply) =>
      answer(
        reply,
        await mergeCustomers({
          deps,
          actor: actorFrom(request),
          survivorId: request.params.id,
          mergedId: request.body.otherCustomerId,
        }),
        (customer) => ({ customer }),
      ),
  );

  app.get(
    '/customers/:id/card.svg',
    {
      preHandler: requirePermission('customer.read'),
      schema: {
        tags,
        params: IdParams,
        response: { 200: FileAnswer('image/svg+xml', 'The customer card barcode (Code 128)') },
      },
    },
    async (request, reply) => {
      const result = await getCustomer(deps, request.params.id);
      if (!result.ok) return answer(reply, result);
      const svg = bwipjs.toSVG({
        bcid: 'code128',
        text: result.value.number,
        alttext: formatCustomerNumber(result.value.number),
        includetext: true,
        textxalign: 'center',
        height: 12,
        scale: 3,
      });
      return reply.type('image/svg+xml').header('cache-control', 'private, max-age=3600').send(svg);
    },
  );
};
