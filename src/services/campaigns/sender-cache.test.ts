import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.ts';
import { createTestShop, serviceDeps, type TestShop } from '../../../test/support/deps.ts';
import type { DatabaseHandle } from '../../store/database.ts';
import { newId } from '../../store/ids.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createCampaignSegment, updateCampaignSegment } from '../segments/segments.ts';
import { createCampaign } from './campaigns.ts';
import { maxCachedCampaigns, SenderCache } from './sender-cache.ts';

describe.each(testDatabases())('the sender cache on $name', (database) => {
  let handle: DatabaseHandle;
  let deps: ServiceDeps;
  let shop: TestShop;
  let segmentId: string;
  const clock = { ms: 0 };

  const campaign = async (name: string) => {
    const created = await createCampaign({
      deps,
      actor: shop.actors.marketer,
      input: {
        name,
        segmentId,
        subject: 'Hi {{firstName}}',
        html: '<p>Hi {{firstName}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
        text: 'Hi {{firstName}} {{unsubscribeUrl}}',
      },
    });
    if (!created.ok) throw new Error(created.message);
    return created.value.id;
  };

  beforeAll(async () => {
    handle = await database.open();
    deps = serviceDeps(handle);
    shop = await createTestShop(deps);
    const segment = await createCampaignSegment({
      deps,
      actor: shop.actors.marketer,
      input: { name: 'Everyone', definition: {} },
    });
    if (!segment.ok) throw new Error(segment.message);
    segmentId = segment.value.id;
  });
  afterAll(() => handle?.close());

  it('reads a segment edit again once the facts are a second old, not before', async () => {
    const cache = new SenderCache(1_000, () => clock.ms);
    const id = await campaign('Edited');
    expect((await cache.campaignFacts(deps, id))?.segmentProfiles).toBe(false);
    const edited = await updateCampaignSegment({
      deps,
      actor: shop.actors.marketer,
      id: segmentId,
      input: { name: 'Birthdays', definition: { birthdayDays: 7 } },
    });
    expect(edited.ok).toBe(true);
    clock.ms += 999;
    expect((await cache.campaignFacts(deps, id))?.segmentProfiles).toBe(false);
    clock.ms += 1;
    expect((await cache.campaignFacts(deps, id))?.segmentProfiles).toBe(true);
  });

  it('keeps at most a bounded number of campaigns, and none that does not exist', async () => {
    const cache = new SenderCache(1_000, () => clock.ms);
    const ids: string[] = [];
    for (let i = 0; i < maxCachedCampaigns + 4; i++) ids.push(await campaign(`Many ${i}`));
    for (const id of ids) expect((await cache.campaignFacts(deps, id))?.campaign.id).toBe(id);
    expect(cache.campaignCount).toBe(maxCachedCampaigns);
    expect(await cache.campaignFacts(deps, newId())).toBeNull();
    expect(cache.campaignCount).toBe(maxCachedCampaigns);
  });
});
