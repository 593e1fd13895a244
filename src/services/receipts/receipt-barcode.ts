import bwipjs from 'bwip-js';

/** Code 128 of the sale number, so a till can scan a receipt to find the sale for a return. */
const code128 = (text: string) => ({
  bcid: 'code128',
  text,
  includetext: true,
  textxalign: 'center' as const,
  height: 10,
});

/**
 * Null when the number cannot be encoded (Code 128 takes ASCII only and outlet codes
 * are free text): the number is printed as text on every receipt anyway.
 */
export function saleNumberSvg(number: string): string | null {
  try {
    return bwipjs.toSVG({ ...code128(number), scale: 2 });
  } catch {
    return null;
  }
}

export async function saleNumberPng(number: string): Promise<Buffer | null> {
  try {
    return await bwipjs.toBuffer({ ...code128(number), scale: 3 });
  } catch {
    return null;
  }
}
