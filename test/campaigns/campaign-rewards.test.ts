import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignSegment } from '../../src/services/segments/segments.ts';
import type { DatabaseHandle } from '../../src/store/database.ts';
import { testDatabases } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/http.ts';
import { newCustomer, newReward, setRules } from '../support/loyalty.ts';

/**
 * {{reachableReward}} promises what the till would offer: the active rewards while the
 * loyalty programme runs, and nothing once it is switched off.
 */
describe.each(testDatabases())('the reward a campaign promises on $name', (database) => {
  let handle: DatabaseHandle;
  let t: TestApp;
  let previewOf: () => Promise<string>;

  beforeAll(async () => {
    handle = await database.open();
    t = await buildTestApp(handle);
    const admin = t.shop.actors.admin;
    await setRules(t.deps, admin, { enabled: true });
    await newReward(t.deps, admin, 250, 500);
    const customerId = await newCustomer(t.deps, admin, 'Rita Rewards');
    const segment = await createCampaignSegment({
      deps: t.deps,
      actor: t.shop.actors.marketer,
      input: { name: 'Everyone', definition: {} },
    });
    if (!segment.ok) throw new Error(segment.message);
    const marketer = await t.cookieFor('marketer');
    const created = await t.call('POST', '/campaigns', marketer, {
      name: 'Treats',
      segmentId: segment.value.id,
      subject: 'For {{firstName}}',
      html: '<p>Next: {{reachableReward}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      text: 'Next: {{reachableReward}}. Unsubscribe: {{unsubscribeUrl}}',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().campaign.id;
    previewOf = async () => {
      const preview = await t.call(
        'GET',
        `/campaigns/${id}/preview?customerId=${customerId}`,
        marketer,
      );
      expect(preview.statusCode, preview.body).toBe(200);
      return preview.json().preview.text as string;
    };
  });
  afterAll(async () => {
    await t?.app.close();
    await handle?.close();
  });

  it('names the next reward while the programme runs, and none once it is off', async () => {
    expect(await previewOf()).toContain('Next: 500 off for 250 (250 points to go).');
    await setRules(t.deps, t.shop.actors.admin, { enabled: false });
    expect(await previewOf()).toContain('Next: .');
  });
});
