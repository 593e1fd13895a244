import PDFDocument from 'pdfkit';
import type { Receipt } from '../../domain/receipts.ts';
import { saleNumberPng } from './receipt-barcode.ts';

/** 80 mm receipt roll in PDF points (72 per inch). */
export const receiptPageWidth = (80 / 25.4) * 72;

const margin = 10;
const contentWidth = receiptPageWidth - 2 * margin;
const fontSize = 8;
const indent = 8;
// Tall enough for any receipt, for the measuring pass only.
const measuringHeight = 100_000;

type Pdf = PDFKit.PDFDocument;

// Courier, a PDF standard font, needs no font file but only has the WinAnsi characters.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const fallbacks: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' };

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(char)
  );
}

/**
 * Keeps what Courier can print: accents it lacks are dropped (ő -> o), anything else
 * (other scripts) becomes "?" rather than the wrong letters. The HTML receipt and the
 * e-mail show every character; only the PDF is limited.
 */
export function printableInCourier(text: string): string {
  return [...text]
    .map((char) => {
      if (isWinAnsi(char)) return char;
      const base = fallbacks[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
      return [...base].every(isWinAnsi) && base !== '' ? base : '?';
    })
    .join('');
}

/** Pixel size from a PNG's IHDR chunk, which always follows the 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Draws the receipt from the top and returns where it ended, so the same drawing can
 * first measure the content and then fill a page cut exactly to that length, as a
 * receipt printer's paper is.
 */
function draw(doc: Pdf, receipt: Receipt, barcode: Buffer | null): number {
  let y = margin;
  const plain = () => doc.font('Courier').fontSize(fontSize);
  const bold = (size = fontSize) => doc.font('Courier-Bold').fontSize(size);

  const centred = (raw: string) => {
    const text = printableInCourier(raw);
    doc.text(text, margin, y, { width: contentWidth, align: 'center' });
    y = doc.y;
  };
  const left = (raw: string) => {
    const text = printableInCourier(raw);
    doc.text(text, margin, y, { width: contentWidth });
    y = doc.y;
  };
  const row = (rawLabel: string, amount: string, offset = 0) => {
    const label = printableInCourier(rawLabel);
    const amountWidth = doc.widthOfString(amount);
    const labelWidth = contentWidth - offset - amountWidth - 6;
    const height = doc.heightOfString(label, { width: labelWidth });
    doc.text(label, margin + offset, y, { width: labelWidth });
    doc.text(amount, margin, y, { width: contentWidth, align: 'right' });
    y += Math.max(height, doc.currentLineHeight(true));
  };
  const rule = () => {
    y += 3;
    doc
      .moveTo(margin, y)
      .lineTo(receiptPageWidth - margin, y)
      .lineWidth(0.5)
      .dash(2, { space: 2 })
      .stroke()
      .undash();
    y += 4;
  };

  bold();
  centred(receipt.header[0] ?? '');
  plain();
  receipt.header.slice(1).forEach(centred);
  y += 4;
  bold(12);
  centred(receipt.title);
  y += 2;
  plain();
  receipt.details.forEach(left);
  if (receipt.customerName) left(`Customer: ${receipt.customerName}`);
  rule();

  for (const line of receipt.lines) {
    left(line.description);
    row(line.quantityText, line.amount, indent);
    if (line.discount) row('Discount', line.discount, indent);
  }
  rule();
  for (const total of receipt.totals) row(total.label, total.amount);
  bold(10);
  row(receipt.total.label, receipt.total.amount);
  plain();
  rule();
  bold();
  left(receipt.tendersTitle);
  plain();
  for (const tender of receipt.tenders)
    row(tender.label, tender.amount, tender.indent ? indent : 0);
  rule();
  if (receipt.loyalty.length > 0) {
    bold();
    left('Loyalty');
    plain();
    receipt.loyalty.forEach(left);
    rule();
  }

  // Rate on the left, then net, tax and gross in right-aligned columns.
  const column = contentWidth / 4;
  const taxRow = (cells: string[]) => {
    cells.forEach((cell, index) =>
      doc.text(cell, margin + index * column, y, {
        width: column,
        align: index === 0 ? 'left' : 'right',
      }),
    );
    y += doc.currentLineHeight(true);
  };
  taxRow(['Rate', 'Net', 'Tax', 'Gross']);
  for (const group of receipt.taxSummary) taxRow([group.rate, group.net, group.tax, group.gross]);
  rule();
  receipt.footer.forEach(centred);

  if (barcode) {
    y += 6;
    const size = pngSize(barcode);
    const width = Math.min(contentWidth, 170);
    const height = (width * size.height) / size.width;
    doc.image(barcode, (receiptPageWidth - width) / 2, y, { width, height });
    y += height;
  }
  // A little paper below the barcode, where the printer tears or cuts.
  return y + 2 * margin;
}

function collect(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function newDocument(height: number, receipt: Receipt): Pdf {
  return new PDFDocument({
    size: [receiptPageWidth, height],
    margin: 0,
    info: { Title: `${receipt.title === 'REFUND' ? 'Refund' : 'Receipt'} ${receipt.number}` },
  });
}

/** The receipt as a one-page PDF, 80 mm wide and as long as its content. */
export async function renderReceiptPdf(receipt: Receipt): Promise<Buffer> {
  const barcode = await saleNumberPng(receipt.number);
  const measuring = newDocument(measuringHeight, receipt);
  const height = Math.ceil(draw(measuring, receipt, barcode));
  measuring.end();

  const doc = newDocument(height, receipt);
  const output = collect(doc);
  draw(doc, receipt, barcode);
  doc.end();
  return output;
}
