import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outlets
      ADD COLUMN pricing_mode text NOT NULL DEFAULT 'tax_inclusive'
        CHECK (pricing_mode IN ('tax_inclusive', 'tax_exclusive')),
      ADD COLUMN receipt_header text NOT NULL DEFAULT '',
      -- A return without a receipt above this amount needs a supervisor.
      ADD COLUMN no_receipt_return_limit bigint NOT NULL DEFAULT 5000 CHECK (no_receipt_return_limit >= 0);

    CREATE TABLE products (
      id uuid PRIMARY KEY,
      sku text NOT NULL UNIQUE,
      barcode text UNIQUE,
      name text NOT NULL,
      category text,
      brand text,
      size text,
      colour text,
      price bigint NOT NULL CHECK (price >= 0),
      currency char(3) NOT NULL,
      tax_rate_bp integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Sale numbers run per register (and per outlet for integrations), so tills never
    -- wait on each other for a number.
    CREATE TABLE sale_number_counters (
      counter_key text PRIMARY KEY,
      last_number bigint NOT NULL DEFAULT 0
    );

    -- Sales and returns in one table: a return is a sale of kind 'return' whose amounts
    -- are negative, so a customer's spend is simply the sum of totals.
    CREATE TABLE sales (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('sale', 'return')),
      number text NOT NULL,
      outlet_id uuid NOT NULL REFERENCES outlets (id),
      register_id uuid REFERENCES registers (id),
      staff_id uuid REFERENCES staff (id),
      api_key_id uuid REFERENCES api_keys (id),
      customer_id uuid REFERENCES customers (id),
      currency char(3) NOT NULL,
      pricing_mode text NOT NULL,
      subtotal bigint NOT NULL,
      discount_total bigint NOT NULL,
      tax_total bigint NOT NULL,
      total bigint NOT NULL,
      original_sale_id uuid REFERENCES sales (id),
      exchange_id uuid,
      reason text,
      approved_by_staff_id uuid REFERENCES staff (id),
      source text NOT NULL,
      external_ref text,
      idempotency_key text,
      request_hash bytea,
      completed_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (outlet_id, number),
      CHECK ((kind = 'sale' AND total >= 0) OR (kind = 'return' AND total <= 0))
    );
    CREATE UNIQUE INDEX sales_idempotency ON sales (idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX sales_customer ON sales (customer_id, completed_at DESC, id DESC) WHERE customer_id IS NOT NULL;
    CREATE INDEX sales_completed ON sales (completed_at DESC, id DESC);
    CREATE INDEX sales_external ON sales (source, external_ref) WHERE external_ref IS NOT NULL;

    CREATE TABLE sale_lines (
      id uuid PRIMARY KEY,
      sale_id uuid NOT NULL REFERENCES sales (id),
      line_no integer NOT NULL,
      customer_id uuid REFERENCES customers (id),
      product_id uuid REFERENCES products (id),
      sku text NOT NULL,
      name text NOT NULL,
      category text,
      brand text,
      size text,
      colour text,
      quantity integer NOT NULL CHECK (quantity <> 0),
      unit_price bigint NOT NULL,
      discount bigint NOT NULL,
      tax_rate_bp integer NOT NULL,
      tax bigint NOT NULL,
      total bigint NOT NULL,
      -- Units of a sold line returned so far; the guarded update and this check make
      -- over-returning impossible, also for two registers at once.
      returned_quantity integer NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0),
      original_line_id uuid REFERENCES sale_lines (id),
      UNIQUE (sale_id, line_no),
      CHECK (quantity < 0 OR returned_quantity <= quantity)
    );
    CREATE INDEX sale_lines_customer ON sale_lines (customer_id) WHERE customer_id IS NOT NULL;
    CREATE INDEX sale_lines_original ON sale_lines (original_line_id) WHERE original_line_id IS NOT NULL;

    CREATE TABLE sale_tenders (
      id uuid PRIMARY KEY,
      sale_id uuid NOT NULL REFERENCES sales (id),
      position integer NOT NULL,
      -- 'external': paid outside Clientele (imported history); 'exchange': the credit
      -- passed from the return half of an exchange to its sale half.
      kind text NOT NULL CHECK (kind IN ('cash', 'card', 'external', 'exchange')),
      amount bigint NOT NULL,
      received bigint,
      change bigint,
      reference text,
      -- On a refund: the sale whose tender it gives back (to refund a card at most once).
      refund_of_sale_id uuid REFERENCES sales (id),
      UNIQUE (sale_id, position)
    );
    CREATE INDEX sale_tenders_refund_of ON sale_tenders (refund_of_sale_id) WHERE refund_of_sale_id IS NOT NULL;
  `.execute(db);
}
