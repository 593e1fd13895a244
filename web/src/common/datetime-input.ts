// <input type="datetime-local"> speaks local wall-clock time without a zone ("2026-03-01T09:00");
// the API speaks ISO instants. These convert between the two.

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the local "YYYY-MM-DDTHH:mm" an input shows; '' for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** What a datetime-local input holds, as an ISO instant; null when empty or not a date. */
export function fromLocalInput(text: string): string | null {
  if (text.trim() === '') return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
