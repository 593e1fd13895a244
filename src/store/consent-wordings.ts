import { sql } from 'kysely';
import type { Db } from './database.ts';
import { newId } from './ids.ts';
import type { ConsentChannel } from './consents.ts';

export type ConsentWordingRow = {
  id: string;
  channel: ConsentChannel;
  version: number;
  text: string;
  current: boolean;
  createdAt: Date;
};

function toRow(row: {
  id: string;
  channel: ConsentChannel;
  version: number;
  text: string;
  current: boolean;
  created_at: Date;
}): ConsentWordingRow {
  return {
    id: row.id,
    channel: row.channel,
    version: Number(row.version),
    text: row.text,
    current: row.current,
    createdAt: row.created_at,
  };
}

const columns = ['id', 'channel', 'version', 'text', 'current', 'created_at'] as const;

export async function selectConsentWordings(db: Db): Promise<ConsentWordingRow[]> {
  const rows = await db
    .selectFrom('consent_wordings')
    .select(columns)
    .orderBy('channel')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toRow);
}

export async function selectCurrentConsentWordings(db: Db): Promise<ConsentWordingRow[]> {
  const rows = await db
    .selectFrom('consent_wordings')
    .select(columns)
    .where('current', '=', true)
    .execute();
  return rows.map(toRow);
}

async function findWording(db: Db, channel: ConsentChannel, text: string) {
  const row = await db
    .selectFrom('consent_wordings')
    .select(columns)
    .where('channel', '=', channel)
    .where(sql<string>`md5(text)`, '=', sql<string>`md5(${text})`)
    .where('text', '=', text)
    .executeTakeFirst();
  return row ? toRow(row) : null;
}

/**
 * The stored version of a text, added as the channel's next version when new. With
 * `current`, the new version becomes current; with 'if_none', only when the channel has
 * no current wording yet (the first consent text a shop uses becomes its current one).
 * Two writers adding texts at once may both pick the next version number; the loser's
 * insert does nothing and it tries again with the next number.
 */
export async function ensureConsentWording(
  db: Db,
  wording: { channel: ConsentChannel; text: string; current: boolean | 'if_none'; at: Date },
): Promise<ConsentWordingRow> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const found = await findWording(db, wording.channel, wording.text);
    if (found && wording.current === true && !found.current) {
      await updateCurrentConsentWording(db, found.id);
      return { ...found, current: true };
    }
    if (found) return found;
    const current =
      wording.current === 'if_none'
        ? sql<boolean>`NOT EXISTS (SELECT 1 FROM consent_wordings WHERE channel = ${wording.channel} AND current)`
        : sql<boolean>`${wording.current}`;
    if (wording.current === true) await clearCurrentWording(db, wording.channel);
    await sql`
      INSERT INTO consent_wordings (id, channel, version, text, current, created_at)
      SELECT ${newId(wording.at.getTime())}, ${wording.channel},
        coalesce(max(version), 0) + 1, ${wording.text}, ${current}, ${wording.at}
      FROM consent_wordings WHERE channel = ${wording.channel}
      ON CONFLICT DO NOTHING
    `.execute(db);
  }
  throw new Error(`could not store a consent wording for ${wording.channel}`);
}

async function clearCurrentWording(db: Db, channel: ConsentChannel): Promise<void> {
  await db
    .updateTable('consent_wordings')
    .set({ current: false })
    .where('channel', '=', channel)
    .where('current', '=', true)
    .execute();
}

/** Makes a stored version the channel's current wording (a text the shop used before). */
export async function updateCurrentConsentWording(db: Db, id: string): Promise<void> {
  const row = await db
    .selectFrom('consent_wordings')
    .select('channel')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await clearCurrentWording(db, row.channel);
  await db.updateTable('consent_wordings').set({ current: true }).where('id', '=', id).execute();
}
