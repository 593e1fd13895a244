import { sql, type Kysely } from 'kysely';

/** Legacy lines' share of their sale's group or reward discount, by largest remainder. */
function backfill(column: 'group_discount' | 'reward_discount', total: string, weight: string) {
  return sql`
    WITH weights AS (
      SELECT l.id, l.sale_id, l.line_no, s.${sql.raw(total)} AS total, ${sql.raw(weight)} AS weight,
             sum(${sql.raw(weight)}) OVER (PARTITION BY l.sale_id) AS weight_sum
      FROM sale_lines l JOIN sales s ON s.id = l.sale_id
      WHERE s.kind = 'sale' AND s.${sql.raw(total)} > 0 AND l.kind = 'product' AND l.quantity > 0
    ), shares AS (
      SELECT id, sale_id, line_no, total,
             (total * weight) / weight_sum AS floor_part,
             (total * weight) % weight_sum AS remainder
      FROM weights WHERE weight_sum > 0
    ), ranked AS (
      SELECT id, floor_part,
             row_number() OVER (PARTITION BY sale_id ORDER BY remainder DESC, line_no) AS place,
             total - sum(floor_part) OVER (PARTITION BY sale_id) AS left_over
      FROM shares
    )
    UPDATE sale_lines l
    SET ${sql.raw(column)} = r.floor_part + CASE WHEN r.place <= r.left_over THEN 1 ELSE 0 END
    FROM ranked r WHERE r.id = l.id
  `;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Each line's part of the customer group's and the reward's discount (both inside its
    -- discount), so a return gives back the discounts of the units it takes back.
    ALTER TABLE sale_lines
      ADD COLUMN group_discount bigint NOT NULL DEFAULT 0,
      ADD COLUMN reward_discount bigint NOT NULL DEFAULT 0;
  `.execute(db);
  // Lines sold before this split are given their sale's totals in proportion to their
  // discounts: exact for a one-line sale, the nearest split the figures allow otherwise.
  await backfill('group_discount', 'group_discount_total', 'l.discount').execute(db);
  await backfill(
    'reward_discount',
    'reward_discount_total',
    'l.discount - l.group_discount',
  ).execute(db);
}
