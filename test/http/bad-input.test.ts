import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import {
  exampleOf,
  leavesOf,
  nodesOf,
  withLeaf,
  type Extreme,
  type JsonSchema,
  type Leaf,
} from '../support/schema-examples.ts';

/**
 * Every operation of the OpenAPI document, fed what an integrator might send by mistake
 * or an attacker on purpose. The routes are read from the document, so a new route or
 * field is covered the day it is added.
 */
type Operation = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body: JsonSchema | null;
  query: Leaf[];
};

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        parameters?: { name: string; in: string; schema: JsonSchema }[];
      }
    >
  >;
};

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase() as Operation['method'],
      path: path.replace(/\{[^}]+\}/g, () => randomUUID()),
      body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      query: (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => ({ path: [parameter.name], schema: parameter.schema })),
    })),
  );
}

const isFreeText = (schema: JsonSchema) =>
  schema.type === 'string' &&
  schema['x-text'] !== 'identifier' &&
  schema.format === undefined &&
  schema.const === undefined &&
  schema.enum === undefined;

/** A field as the API names it: `lines[0].product`. */
const fieldOf = (path: string[]) =>
  path.reduce(
    (named, part) => (/^\d+$/.test(part) ? `${named}[${part}]` : named ? `${named}.${part}` : part),
    '',
  );

const isInteger = (schema: JsonSchema) => schema.type === 'integer' || schema.type === 'number';

const cardNumber = '4111 1111 1111 1111';

describe.each(testDatabases())('bad input on every operation on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let admin: string;
  let operations: Operation[];

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    admin = await t.cookieFor('admin');
    await t.app.ready();
    operations = operationsOf(t.app.swagger() as unknown as OpenApi);
  });
  afterAll(async () => {
    await t.app.close();
    await handle.close();
  });

  let keys = 0;
  const send = (operation: Operation, body: unknown, query = ''): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: operation.method,
      url: `${operation.path}${query}`,
      headers: {
        cookie: admin,
        'content-type': 'application/json',
        'idempotency-key': `bad-input-${keys++}`,
      },
      ...(operation.body ? { payload: JSON.stringify(body) } : {}),
    });

  const withBodies = () => operations.filter((operation) => operation.body);

  it('reads a body and a query from the document for the operations that take them', () => {
    expect(withBodies().length).toBeGreaterThan(40);
    expect(operations.some((operation) => operation.query.length > 0)).toBe(true);
  });

  it('bounds every integer a caller may send, so none can overflow a column', () => {
    const unbounded = operations.flatMap((operation) =>
      nodesOf([operation.body, operation.query.map((leaf) => leaf.schema)])
        .filter(
          (node) => isInteger(node) && (node.maximum === undefined || node.minimum === undefined),
        )
        .map((node) => `${operation.method} ${operation.path} ${JSON.stringify(node)}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('accepts the example built from the document, so each mutation below tests one field', async () => {
    const refused: string[] = [];
    for (const operation of withBodies()) {
      const response = await send(operation, exampleOf(operation.body!, 'least'));
      const problem = response.json() as { detail?: string };
      if (response.statusCode === 400 && problem.detail?.startsWith('body.')) {
        refused.push(`${operation.method} ${operation.path}: ${problem.detail}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('refuses NUL, broken characters and card numbers in every body string, naming the field', async () => {
    const wrong: string[] = [];
    for (const operation of withBodies()) {
      const example = exampleOf(operation.body!, 'least');
      for (const leaf of leavesOf(operation.body!)) {
        if (leaf.schema.type !== 'string') continue;
        const field = fieldOf(leaf.path);
        const cases: [string, string][] = [
          ['a\u0000b', 'validation_failed'],
          ['x\uD800', 'validation_failed'],
        ];
        // A field too short to hold 13 digits refuses a card number for its length.
        const holdsCard = (leaf.schema.maxLength ?? Infinity) >= cardNumber.length;
        if (isFreeText(leaf.schema)) {
          cases.push([cardNumber, holdsCard ? 'card_number_refused' : 'validation_failed']);
        }
        for (const [value, code] of cases) {
          const response = await send(operation, withLeaf(example, leaf.path, value));
          const problem = response.json() as { code?: string; field?: string };
          if (response.statusCode !== 400 || problem.code !== code || problem.field !== field) {
            wrong.push(
              `${operation.method} ${operation.path} ${field}=${JSON.stringify(value)}: ${response.statusCode} ${problem.code} ${problem.field}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('takes body integers as typed: no true for 1, no "5" for 5, nothing past the bound', async () => {
    const wrong: string[] = [];
    for (const operation of withBodies()) {
      const example = exampleOf(operation.body!, 'least');
      for (const leaf of leavesOf(operation.body!)) {
        if (!isInteger(leaf.schema)) continue;
        const field = fieldOf(leaf.path);
        const beyond = (leaf.schema.maximum ?? 2 ** 53) + 1;
        for (const value of [true, '5', beyond, 1.5]) {
          const response = await send(operation, withLeaf(example, leaf.path, value));
          const problem = response.json() as { code?: string; field?: string };
          if (response.statusCode !== 400 || problem.field !== field) {
            wrong.push(
              `${operation.method} ${operation.path} ${field}=${JSON.stringify(value)}: ${response.statusCode} ${problem.field}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses NUL in every query string, and survives bytes that are not UTF-8', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      for (const leaf of operation.query) {
        if (leaf.schema.type !== 'string' || leaf.schema.format) continue;
        const name = leaf.path[0]!;
        const nul = await send(operation, {}, `?${name}=a%00b`);
        if (nul.statusCode !== 400 || nul.json().field !== name) {
          wrong.push(`${operation.method} ${operation.path}?${name}=a%00b: ${nul.statusCode}`);
        }
        // A lone surrogate cannot be sent in a URL: its bytes are not UTF-8 at all.
        const broken = await send(operation, {}, `?${name}=x%ED%A0%80`);
        if (broken.statusCode >= 500) {
          wrong.push(
            `${operation.method} ${operation.path}?${name}=x%ED%A0%80: ${broken.statusCode}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the field of the tender the caller meant, and refuses the cases the review found', async () => {
    const sale = (tenders: object[]) => ({ lines: [{ product: 'x', quantity: 1 }], tenders });
    const cases: [string, object, string, string][] = [
      [
        '/sales',
        sale([{ kind: 'card', amount: 100 }]),
        'validation_failed',
        'tenders[0].reference',
      ],
      ['/sales', sale([{ kind: 'cheque', amount: 100 }]), 'validation_failed', 'tenders[0].kind'],
      [
        '/sales',
        sale([{ kind: 'card', amount: 100, reference: '5500-0000-0000-0004' }]),
        'card_number_refused',
        'tenders[0].reference',
      ],
      [
        '/integrations/gift-cards/redeem',
        { number: '700000000018', amount: true },
        'validation_failed',
        'amount',
      ],
      [
        '/loyalty/rewards',
        { name: 'Big', pointsCost: 2 ** 31, kind: 'amount_off', amount: 500 },
        'validation_failed',
        'pointsCost',
      ],
      [
        '/auth/sign-in',
        { username: 'ad\u0000min', password: 'x' },
        'validation_failed',
        'username',
      ],
      ['/customers', { name: 'Ann 4111111111111111' }, 'card_number_refused', 'name'],
    ];
    for (const [path, body, code, field] of cases) {
      const response = await t.call('POST', path, admin, body);
      expect(response.statusCode, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json(), `${path} ${JSON.stringify(body)}`).toMatchObject({ code, field });
    }
  });

  it('takes a barcode, a customer card or a phone that happens to pass the card test', async () => {
    // 4222222222222 is 13 digits that pass Luhn: as a barcode it is an ordinary code.
    const product = await t.call('POST', '/products', admin, {
      sku: 'LUHN-1',
      barcode: '4222222222222',
      name: 'Lucky barcode',
      price: '1.00',
      taxRate: '20',
    });
    expect(product.statusCode, product.body).toBe(200);
    const lookup = await t.call('GET', '/products/4222222222222', admin);
    expect(lookup.json().product.sku).toBe('LUHN-1');
  });

  it.each<Extreme>(['least', 'most'])(
    'answers every operation fed its %s valid values without a server error',
    async (extreme) => {
      const failed: string[] = [];
      for (const operation of operations) {
        const response = await send(operation, exampleOf(operation.body ?? {}, extreme));
        // 503 mail_not_configured is the server's set-up speaking, not a failure.
        if (response.statusCode === 500 || response.body.includes('"internal_error"')) {
          failed.push(
            `${operation.method} ${operation.path}: ${response.statusCode} ${response.body}`,
          );
        }
      }
      expect(failed).toEqual([]);
    },
  );
});
