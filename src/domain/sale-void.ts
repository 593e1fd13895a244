import { fail, ok, type Result } from './result.ts';

/** What deciding a void needs to know of a sale. */
export type VoidCandidate = {
  kind: string;
  voidedAt: Date | null;
  exchangeId: string | null;
  source: string;
  lines: readonly { returnedQuantity: number }[];
};

/**
 * Whether a sale may be voided, as if it never happened: only a whole, live sale made
 * here (not a return, not half of an exchange, not imported history, nothing of it
 * returned yet, since those already moved money that a void would move a second time).
 */
export function checkVoidable<Sale extends VoidCandidate>(sale: Sale | undefined): Result<Sale> {
  if (!sale) return fail('sale_not_found', 'No sale with that id');
  const refuse = (message: string) => fail('sale_not_voidable', message);
  if (sale.kind !== 'sale') return refuse('Only a sale can be voided, not a return');
  if (sale.voidedAt) return refuse('This sale has already been voided');
  if (sale.exchangeId) return refuse('Half of an exchange cannot be voided on its own');
  if (sale.source === 'import') return refuse('Imported history cannot be voided');
  if (sale.lines.some((line) => line.returnedQuantity > 0)) {
    return refuse('Items of this sale have been returned; return the rest instead of voiding');
  }
  return ok(sale);
}
