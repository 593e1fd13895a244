import type { SegmentName } from '@domain/insights/rfm.ts';

/**
 * One colour per RFM segment, shared by the grid and the chart so a segment reads the
 * same in both: greens for the best, blues for the new, ambers for those slipping, reds
 * and greys for those gone.
 */
export const segmentColours: Readonly<Record<SegmentName, string>> = {
  Champions: '#1b7a3e',
  'Loyal Customers': '#49a160',
  'Potential Loyalists': '#8cc78f',
  'New Customers': '#2f6db5',
  Promising: '#7fa8d9',
  'Need Attention': '#e0b13c',
  'About To Sleep': '#c9a36b',
  'At Risk': '#e07b2e',
  "Can't Lose Them": '#c0392b',
  Hibernating: '#9aa3ad',
  Lost: '#6b737c',
};

export function segmentColour(segment: string): string {
  return (segmentColours as Record<string, string>)[segment] ?? '#9aa3ad';
}
