import type { TillInsight } from '@contract/customers.ts';

/**
 * The till's hints about the customer in front of the cashier, as short lines a cashier
 * reads at a glance without training: how often they come and when they were last here,
 * a birthday, how much they matter, their segment, a reward they can use. The server
 * sends facts (numbers, flags); the words are made here, where they are shown.
 */
export type InsightLine = {
  kind: 'rhythm' | 'birthday' | 'top' | 'segment' | 'reward' | 'method';
  text: string;
  /** How the line stands out: act on it (welcome back), good news, or plain. */
  tone: 'act' | 'good' | 'plain';
  /** A longer explanation (a tooltip). */
  detail?: string;
};

/** What each segment name means, in a cashier's words. */
export const segmentMeanings: Readonly<Record<string, string>> = {
  Champions: 'comes often, spends well and was here recently',
  'Loyal Customers': 'comes back regularly',
  'Potential Loyalists': 'recent and coming back: could become a regular',
  'New Customers': 'first visit was recent',
  Promising: 'came recently, not often yet',
  'Need Attention': 'a fair regular who has not been in lately',
  'About To Sleep': 'has not been in for a while and did not come often',
  'At Risk': 'used to come often, not lately',
  "Can't Lose Them": 'one of the most frequent customers, gone quiet',
  Hibernating: 'came a few times, long ago',
  Lost: 'came once, long ago',
};

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** A span of days in the unit a person would use: days, weeks, months or years. */
function span(days: number): { count: number; unit: 'day' | 'week' | 'month' | 'year' } {
  if (days < 7) return { count: days, unit: 'day' };
  // Weeks up to a quarter: "11 weeks ago" says more to a cashier than "3 months ago".
  if (days < 91) return { count: Math.round(days / 7), unit: 'week' };
  if (days < 730) return { count: Math.round(days / 30.44), unit: 'month' };
  return { count: Math.round(days / 365.25), unit: 'year' };
}

/** "every day", "every week", "every ~3 weeks", "every ~2 months". */
export function everyText(days: number): string {
  const { count, unit } = span(Math.max(1, days));
  return count === 1 ? `every ${unit}` : `every ~${plural(count, unit)}`;
}

/** "today", "yesterday", "5 days ago", "11 weeks ago", "4 months ago". */
export function agoText(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  const { count, unit } = span(days);
  return `${plural(count, unit)} ago`;
}

function rhythmLine(insight: TillInsight): InsightLine | null {
  const { dueEveryDays, lastSeenDaysAgo, welcomeBack, lapsed } = insight;
  const parts: string[] = [];
  if (dueEveryDays !== null) parts.push(`Due back ${everyText(dueEveryDays)}`);
  if (lastSeenDaysAgo !== null) {
    parts.push(`${parts.length === 0 ? 'Last seen' : 'last seen'} ${agoText(lastSeenDaysAgo)}`);
  }
  if (parts.length === 0) return null;
  const text = parts.join(', ') + (welcomeBack ? ' — welcome them back' : '');
  return {
    kind: 'rhythm',
    text,
    tone: welcomeBack || lapsed ? 'act' : 'plain',
    ...(lapsed ? { detail: 'They have stayed away longer than their usual rhythm.' } : {}),
  };
}

/** The lines to show for a customer's insight; none when there is no insight. */
export function insightLines(insight: TillInsight | null): InsightLine[] {
  if (insight === null) return [];
  const lines: InsightLine[] = [];
  const rhythm = rhythmLine(insight);
  if (rhythm) lines.push(rhythm);
  if (insight.birthdaySoon)
    lines.push({ kind: 'birthday', text: 'Birthday this week', tone: 'good' });
  if (insight.topPercent !== null) {
    lines.push({
      kind: 'top',
      text: `Top ${insight.topPercent}% customer`,
      tone: 'good',
      detail:
        insight.method === 'model'
          ? 'By the value expected from them over the next 12 months.'
          : 'By what they spent over the last 12 months.',
    });
  }
  if (insight.segment !== null) {
    const meaning = segmentMeanings[insight.segment];
    lines.push({
      kind: 'segment',
      text: meaning ? `${insight.segment}: ${meaning}` : insight.segment,
      tone: 'plain',
    });
  }
  const reward = insight.suggestedReward;
  if (reward !== null) {
    lines.push({
      kind: 'reward',
      text: `Can use: ${reward.name} (${plural(reward.pointsCost, 'point')})`,
      tone: 'good',
    });
  }
  if (insight.method === 'rule') {
    lines.push({
      kind: 'method',
      text: 'Rhythm by a simple rule: not enough history yet to judge by their own habits',
      tone: 'plain',
    });
  }
  return lines;
}
