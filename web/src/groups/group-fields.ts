import {
  formatMultiplierBp,
  formatPercentBp,
  parseMultiplierBp,
  parsePercentBp,
  parseWhole,
} from '../common/loyalty-format.ts';
import { formatAmount, parseAmount } from '../common/money.ts';
import type { Group, GroupBody, GroupKind } from '@contract/customers.ts';

/** A group as its form edits it: text as typed, rates as people write them (5%, ×1.5). */
export type GroupFields = {
  name: string;
  kind: GroupKind;
  ruleType: 'spend' | 'visits';
  minSpend: string;
  months: string;
  minVisits: string;
  days: string;
  /** Percent off, "5" for 5%. */
  discount: string;
  /** Points multiplier, "1.5" for one and a half times. */
  multiplier: string;
  active: boolean;
};

export function groupToFields(group: Group | null, currency: string): GroupFields {
  const rule = group?.rule ?? null;
  return {
    name: group?.name ?? '',
    kind: group?.kind ?? 'manual',
    ruleType: rule?.type ?? 'spend',
    minSpend: rule?.type === 'spend' ? formatAmount(rule.minSpend, currency) : '',
    months: rule?.type === 'spend' ? String(rule.months) : '12',
    minVisits: rule?.type === 'visits' ? String(rule.minVisits) : '',
    days: rule?.type === 'visits' ? String(rule.days) : '90',
    discount: group ? formatPercentBp(group.discountBp).replace('%', '') : '0',
    multiplier: group ? formatMultiplierBp(group.earnMultiplierBp).replace('×', '') : '1',
    active: group?.active ?? true,
  };
}

type Read = { ok: true; body: GroupBody } | { ok: false; message: string };

/** The body to send, or what to fix first. */
export function readGroupFields(fields: GroupFields, currency: string): Read {
  const name = fields.name.trim();
  if (name === '') return { ok: false, message: 'Give the group a name, like VIP or Gold.' };
  const discountBp = fields.discount.trim() === '' ? 0 : parsePercentBp(fields.discount);
  if (discountBp === null || discountBp > 10_000) {
    return { ok: false, message: 'The discount is a percentage from 0 to 100, like 5.' };
  }
  const earnMultiplierBp =
    fields.multiplier.trim() === '' ? 10_000 : parseMultiplierBp(fields.multiplier);
  if (earnMultiplierBp === null || earnMultiplierBp < 10_000 || earnMultiplierBp > 100_000) {
    return { ok: false, message: 'Points are multiplied by 1 (normal) to 10, like 1.5.' };
  }
  const common = { name, discountBp, earnMultiplierBp, active: fields.active };
  if (fields.kind === 'manual')
    return { ok: true, body: { ...common, kind: 'manual', rule: null } };
  if (fields.ruleType === 'spend') {
    const minSpend = parseAmount(fields.minSpend, currency);
    const months = parseWhole(fields.months);
    if (minSpend === null || minSpend <= 0)
      return { ok: false, message: 'Type the spend to reach, like 500.00.' };
    if (months === null || months < 1 || months > 120)
      return { ok: false, message: 'Months: 1 to 120.' };
    return {
      ok: true,
      body: { ...common, kind: 'rule', rule: { type: 'spend', minSpend, months } },
    };
  }
  const minVisits = parseWhole(fields.minVisits);
  const days = parseWhole(fields.days);
  if (minVisits === null || minVisits < 1)
    return { ok: false, message: 'Type the number of visits, 1 or more.' };
  if (days === null || days < 1 || days > 3650) return { ok: false, message: 'Days: 1 to 3650.' };
  return { ok: true, body: { ...common, kind: 'rule', rule: { type: 'visits', minVisits, days } } };
}
