import { Type, type Static } from 'typebox';
import { Identifier, Nullable, Paging } from './platform.ts';

/** The catalogue: products the till sells. */

export const Product = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  barcode: Nullable(Type.String()),
  name: Type.String(),
  category: Nullable(Type.String()),
  brand: Nullable(Type.String()),
  size: Nullable(Type.String()),
  colour: Nullable(Type.String()),
  price: Type.Integer(),
  currency: Type.String(),
  taxRateBp: Type.Integer(),
  active: Type.Boolean(),
});
export type Product = Static<typeof Product>;

export const ProductAnswer = Type.Object({ product: Product });
export type ProductAnswer = Static<typeof ProductAnswer>;

export const ProductListQuery = Type.Object(
  { ...Paging, q: Type.Optional(Type.String({ maxLength: 80 })) },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

export const ProductPage = Type.Object({ items: Type.Array(Product), total: Type.Integer() });
export type ProductPage = Static<typeof ProductPage>;

export const ProductSearchQuery = Type.Object(
  {
    q: Type.String({ maxLength: 80 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 25 })),
  },
  { additionalProperties: false },
);
export type ProductSearchQuery = Static<typeof ProductSearchQuery>;

export const ProductSearchAnswer = Type.Object({ items: Type.Array(Product) });
export type ProductSearchAnswer = Static<typeof ProductSearchAnswer>;

export const ProductCodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
export type ProductCodeParams = Static<typeof ProductCodeParams>;

const Attribute = Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()]));

/** A product as the back office saves it: price as "12.50", taxRate in percent. */
export const ProductBody = Type.Object(
  {
    sku: Identifier({ maxLength: 40 }),
    barcode: Type.Optional(Nullable(Identifier({ maxLength: 40 }))),
    name: Type.String({ maxLength: 120 }),
    category: Attribute,
    brand: Attribute,
    size: Attribute,
    colour: Attribute,
    price: Type.String({ maxLength: 20 }),
    taxRate: Type.String({ maxLength: 6 }),
  },
  { additionalProperties: false },
);
export type ProductBody = Static<typeof ProductBody>;
