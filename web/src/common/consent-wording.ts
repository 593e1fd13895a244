import type { ConsentChannel, CurrentConsent } from '@contract/customers.ts';

// The exact sentence the customer agrees to is shown on screen and sent as `wording`, so the
// consent record proves what was agreed (F18). Change the text here and every record after
// the change carries the new text.
const channelName: Record<ConsentChannel, string> = { email: 'email', sms: 'text message (SMS)' };

export function grantWording(channel: ConsentChannel, shopName: string | undefined): string {
  const shop = shopName === undefined || shopName === '' ? 'this shop' : shopName;
  return `I agree that ${shop} may send me news and offers by ${channelName[channel]}. I can withdraw this consent at any time.`;
}

export function withdrawWording(channel: ConsentChannel, shopName: string | undefined): string {
  const shop = shopName === undefined || shopName === '' ? 'this shop' : shopName;
  return `I no longer want ${shop} to send me news and offers by ${channelName[channel]}.`;
}

export const channels: readonly ConsentChannel[] = ['email', 'sms'];

export const channelLabel: Record<ConsentChannel, string> = { email: 'Email', sms: 'SMS' };

export function consentOn(
  current: readonly CurrentConsent[],
  channel: ConsentChannel,
): CurrentConsent | undefined {
  return current.find((state) => state.channel === channel);
}
