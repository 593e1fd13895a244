import type { Receipt, ReceiptRow } from '../../domain/receipts.ts';
import { saleNumberSvg } from './receipt-barcode.ts';

export type ReceiptHtmlOptions = {
  /** Opens the browser's print dialog as soon as the page has loaded (the till's print button). */
  autoprint?: boolean;
  /**
   * Where the barcode image comes from instead of inline SVG: mail clients drop SVG,
   * so an e-receipt points at an attached PNG (`cid:...`).
   */
  barcodeImageSrc?: string;
};

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every text on a receipt is data (product names, outlet headers): always escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char]!);
}

const styles = `
@page { size: 80mm auto; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
.receipt { width: 80mm; box-sizing: border-box; padding: 4mm 4mm 6mm;
  font: 12px/1.35 "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Courier New", monospace }
.center { text-align: center }
h1 { font-size: 16px; letter-spacing: 0.2em; margin: 2mm 0; text-align: center }
h2 { font-size: 12px; margin: 0 0 1mm }
hr { border: 0; border-top: 1px dashed #000; margin: 2mm 0 }
table { width: 100%; border-collapse: collapse; font: inherit }
td { padding: 0; vertical-align: top }
td.amount { text-align: right; white-space: nowrap; padding-left: 2mm }
td.sub { padding-left: 3mm }
tr.total td { font-weight: bold; font-size: 14px; padding: 1mm 0 }
table.tax th, table.tax td { text-align: right; font-weight: normal }
table.tax th:first-child, table.tax td:first-child { text-align: left }
.barcode { text-align: center; margin-top: 3mm }
.barcode svg, .barcode img { width: 60mm; max-width: 100%; height: auto }
@media screen { html { background: #e5e5e5 } .receipt { margin: 12px auto; background: #fff } }
`;

function row(cells: ReceiptRow, style: { total?: boolean; indent?: boolean } = {}): string {
  const tr = style.total ? '<tr class="total">' : '<tr>';
  const td = style.indent ? '<td class="sub">' : '<td>';
  return `${tr}${td}${escapeHtml(cells.label)}</td><td class="amount">${escapeHtml(cells.amount)}</td></tr>`;
}

function barcodeHtml(receipt: Receipt, options: ReceiptHtmlOptions): string {
  if (options.barcodeImageSrc) {
    return `<div class="barcode"><img src="${escapeHtml(options.barcodeImageSrc)}" alt="${escapeHtml(receipt.number)}"></div>`;
  }
  const svg = saleNumberSvg(receipt.number);
  return svg
    ? `<div class="barcode" role="img" aria-label="${escapeHtml(receipt.number)}">${svg}</div>`
    : '';
}

/** A standalone 80 mm page for a receipt printer, also used as the e-receipt's body. */
export function renderReceiptHtml(receipt: Receipt, options: ReceiptHtmlOptions = {}): string {
  const lines = receipt.lines
    .map((line) =>
      [
        `<tr><td colspan="2">${escapeHtml(line.description)}</td></tr>`,
        row({ label: line.quantityText, amount: line.amount }, { indent: true }),
        line.discount ? row({ label: 'Discount', amount: line.discount }, { indent: true }) : '',
      ].join(''),
    )
    .join('\n');
  const tax = receipt.taxSummary
    .map(
      (group) =>
        `<tr><td>${escapeHtml(group.rate)}</td><td>${escapeHtml(group.net)}</td><td>${escapeHtml(group.tax)}</td><td>${escapeHtml(group.gross)}</td></tr>`,
    )
    .join('\n');
  const body = [
    `<div class="center">${receipt.header.map((text, i) => (i === 0 ? `<strong>${escapeHtml(text)}</strong>` : escapeHtml(text))).join('<br>')}</div>`,
    `<h1>${escapeHtml(receipt.title)}</h1>`,
    `<div>${receipt.details.map(escapeHtml).join('<br>')}</div>`,
    receipt.customerName ? `<div>Customer: ${escapeHtml(receipt.customerName)}</div>` : '',
    '<hr>',
    `<table class="lines">${lines}</table>`,
    '<hr>',
    `<table class="totals">${receipt.totals.map((cells) => row(cells)).join('')}${row(receipt.total, { total: true })}</table>`,
    '<hr>',
    `<h2>${escapeHtml(receipt.tendersTitle)}</h2>`,
    `<table class="tenders">${receipt.tenders.map((cells) => row(cells, { indent: cells.indent === true })).join('')}</table>`,
    '<hr>',
    receipt.loyalty.length > 0
      ? `<h2>Loyalty</h2><div>${receipt.loyalty.map(escapeHtml).join('<br>')}</div><hr>`
      : '',
    `<table class="tax"><tr><th>Rate</th><th>Net</th><th>Tax</th><th>Gross</th></tr>${tax}</table>`,
    '<hr>',
    `<div class="center">${receipt.footer.map(escapeHtml).join('<br>')}</div>`,
    barcodeHtml(receipt, options),
  ]
    .filter(Boolean)
    .join('\n');
  const script = options.autoprint
    ? `<script>window.addEventListener('load', () => window.print());</script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${receipt.title === 'REFUND' ? 'Refund' : 'Receipt'} ${receipt.number}`)}</title>
<style>${styles}</style>
</head>
<body>
<main class="receipt">
${body}
</main>
${script}
</body>
</html>
`;
}
