import type { Db } from './database.ts';

/**
 * The categories and brands of the catalogue, offered by the "bought" criteria (a value
 * only found in imported sales can still be typed). Each once, alphabetical; capped, as
 * this is a list to pick from. The catalogue is small, unlike the sale lines.
 */
export async function selectBoughtChoices(
  db: Db,
  limit = 500,
): Promise<{ categories: string[]; brands: string[] }> {
  const distinct = async (column: 'category' | 'brand') => {
    const rows = await db
      .selectFrom('products')
      .select(column)
      .distinct()
      .where(column, 'is not', null)
      .orderBy(column)
      .limit(limit)
      .execute();
    return rows.flatMap((row) => (row[column] === null ? [] : [row[column]]));
  };
  return { categories: await distinct('category'), brands: await distinct('brand') };
}
