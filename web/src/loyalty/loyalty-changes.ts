// A customer's points changed here (a sale, a bonus): every view of their balance on the
// screen reloads, without the views having to know about each other.
type Listener = (customerId: string) => void;

const listeners = new Set<Listener>();

export function announceLoyaltyChange(customerId: string | null | undefined): void {
  if (customerId === null || customerId === undefined) return;
  for (const listener of listeners) listener(customerId);
}

export function onLoyaltyChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
