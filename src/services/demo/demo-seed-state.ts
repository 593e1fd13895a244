import type { Db } from '../../store/database.ts';
import { countNonDemoData, truncateApplicationTables } from '../../store/demo-reset.ts';
import { countOutlets } from '../../store/outlets.ts';
import { countCustomers } from '../../store/customers.ts';
import { selectSettings, upsertSetting } from '../../store/settings.ts';
import { countStaff } from '../../store/staff.ts';

/**
 * The demo seeding marks its progress in a setting: `started` is written in the same
 * transaction as the seeding's first rows, `finished` after its last. A database whose
 * marker says `started` holds a demo shop that a crash interrupted.
 */
const markerKey = 'demoSeed';

export type DemoShopState = 'empty' | 'unfinished' | 'in_use';

export async function readDemoShopState(db: Db): Promise<DemoShopState> {
  const marker = (await selectSettings(db))[markerKey];
  if (isMarker(marker) && marker.state === 'started') return 'unfinished';
  const empty =
    (await countOutlets(db)) === 0 &&
    (await countStaff(db)) === 0 &&
    (await countCustomers(db)) === 0;
  return empty ? 'empty' : 'in_use';
}

export async function markDemoSeeding({
  db,
  state,
  at,
}: {
  db: Db;
  state: 'started' | 'finished';
  at: Date;
}): Promise<void> {
  await upsertSetting(db, markerKey, { state, at: at.toISOString() });
}

/**
 * Removes a half-made demo shop so the seeding can start again from nothing: the seeding
 * is all-or-nothing across restarts. Refused (false) if anything was added since that the
 * demo does not write, so real sales or staff are never wiped.
 */
export async function wipeUnfinishedDemoShop(
  db: Db,
  options: { demoUsernames: readonly string[]; log: (line: string) => void },
): Promise<boolean> {
  const other = await countNonDemoData(db, options.demoUsernames);
  if (other.sales + other.staff + other.customers > 0) {
    options.log(
      `The demo shop was left unfinished by an interrupted start, but ${other.sales} sales, ` +
        `${other.staff} staff and ${other.customers} customers were added to it since, ` +
        'so it is kept as it is.',
    );
    return false;
  }
  options.log(
    'The demo shop was left unfinished by an interrupted start: removing it and creating it again',
  );
  await truncateApplicationTables(db);
  return true;
}

function isMarker(value: unknown): value is { state: string } {
  return typeof value === 'object' && value !== null && 'state' in value;
}
