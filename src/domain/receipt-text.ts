import type { Receipt, ReceiptRow } from './receipts.ts';

/** Breaks text at spaces into lines of at most `width` (a longer word is cut). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = current ? `${current} ${word}` : word;
    if (joined.length <= width) {
      current = joined;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines;
}

/**
 * The receipt as fixed-width plain text: the text part of an e-receipt, for mail
 * clients that show no HTML. 42 columns is what an 80 mm printer fits in its font A.
 */
export function formatReceiptText(receipt: Receipt, width = 42): string {
  const centre = (text: string) =>
    text.length >= width ? text : ' '.repeat(Math.floor((width - text.length) / 2)) + text;
  const row = ({ label, amount }: ReceiptRow, indent = 0) => {
    const room = width - indent - amount.length - 1;
    const shown = label.length > room ? label.slice(0, Math.max(room, 0)) : label;
    return (
      ' '.repeat(indent) +
      shown +
      ' '.repeat(width - indent - shown.length - amount.length) +
      amount
    );
  };
  const rule = '-'.repeat(width);
  return [
    ...receipt.header.flatMap((line) => wrap(line, width)).map(centre),
    '',
    centre(receipt.title),
    '',
    ...receipt.details.flatMap((line) => wrap(line, width)),
    ...(receipt.customerName ? wrap(`Customer: ${receipt.customerName}`, width) : []),
    rule,
    ...receipt.lines.flatMap((line) => [
      ...wrap(line.description, width),
      row({ label: line.quantityText, amount: line.amount }, 2),
      ...(line.discount ? [row({ label: 'Discount', amount: line.discount }, 2)] : []),
    ]),
    rule,
    ...receipt.totals.map((total) => row(total)),
    row(receipt.total),
    rule,
    receipt.tendersTitle,
    ...receipt.tenders.map((tender) => row(tender, tender.indent ? 2 : 0)),
    rule,
    ...(receipt.loyalty.length > 0
      ? ['Loyalty', ...receipt.loyalty.flatMap((line) => wrap(line, width)), rule]
      : []),
    ...receipt.taxSummary.map((group) =>
      row({ label: `Tax ${group.rate} on ${group.net}`, amount: group.tax }),
    ),
    rule,
    ...receipt.footer.flatMap((line) => wrap(line, width)).map(centre),
    '',
  ].join('\n');
}
