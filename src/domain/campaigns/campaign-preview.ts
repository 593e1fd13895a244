import type { Points } from '../loyalty-rules.ts';
import { rewardsWithinReach, type Reward } from '../rewards.ts';
import {
  renderMessage,
  type CompiledTemplate,
  type MergeValues,
  type RenderedMessage,
} from './templates.ts';

/** What one recipient's merge values are made from (no contact detail is needed). */
export type RecipientFacts = {
  name: string;
  pointsBalance: Points;
  rewards: readonly Reward[];
  /** The outlet the customer belongs to or last visited; null when none. */
  outlet: string | null;
} & RecipientLinks;

/** The recipient's own signed links, made when the message is composed. */
export type RecipientLinks = {
  unsubscribeUrl: string;
  /** The re-confirm link of a re-permission campaign; empty where the template has none. */
  reconfirmUrl: string;
};

/** What merge values are made from apart from the links: no contact detail among them. */
export type RecipientValues = Omit<RecipientFacts, keyof RecipientLinks>;

/** "Ann Marie Smith" greets as "Ann": the first word of the name as the customer gave it. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

/**
 * The reward a message can promise: the dearest one the balance already covers, or else
 * the next one up with the points still needed; empty when the programme has none.
 */
export function reachableRewardOf(rewards: readonly Reward[], balance: Points): string {
  const { available, next } = rewardsWithinReach(rewards, balance);
  const best = available.at(-1);
  if (best) return best.name;
  if (next) return `${next.reward.name} (${next.pointsNeeded} points to go)`;
  return '';
}

export function mergeValuesFor(recipient: RecipientFacts): MergeValues {
  return {
    firstName: firstNameOf(recipient.name),
    pointsBalance: String(recipient.pointsBalance),
    reachableReward: reachableRewardOf(recipient.rewards, recipient.pointsBalance),
    outlet: recipient.outlet ?? '',
    unsubscribeUrl: recipient.unsubscribeUrl,
    reconfirm_link: recipient.reconfirmUrl,
  };
}

/** The message exactly as this one recipient would receive it. */
export function previewMessage(
  compiled: CompiledTemplate,
  recipient: RecipientFacts,
): RenderedMessage {
  return renderMessage(compiled, mergeValuesFor(recipient));
}
