import { useSyncExternalStore } from 'react';
import type { Session } from '@contract/staff.ts';

// A hash router is enough: the server serves one index.html and never sees the route.
export type Route =
  | { name: 'till' }
  | { name: 'customers' }
  | { name: 'customer'; id: string }
  | { name: 'sales' }
  | { name: 'gift-cards' }
  | { name: 'gift-card'; id: string }
  | { name: 'liability' }
  | { name: 'loyalty' }
  | { name: 'insights' }
  | { name: 'consents' }
  | { name: 'segments' }
  | { name: 'campaigns' }
  | { name: 'groups' }
  | { name: 'group'; id: string }
  | { name: 'staff' }
  | { name: 'audit' }
  | { name: 'backups' }
  | { name: 'requests' }
  | { name: 'settings' }
  | { name: 'sign-in' }
  | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/till';
  const parts = path.split('/').filter((part) => part !== '');
  const [first, second] = parts;
  if (parts.length === 1) {
    if (first === 'till') return { name: 'till' };
    if (first === 'customers') return { name: 'customers' };
    if (first === 'sales') return { name: 'sales' };
    if (first === 'gift-cards') return { name: 'gift-cards' };
    if (first === 'liability') return { name: 'liability' };
    if (first === 'loyalty') return { name: 'loyalty' };
    if (first === 'insights') return { name: 'insights' };
    if (first === 'consents') return { name: 'consents' };
    if (first === 'segments') return { name: 'segments' };
    if (first === 'campaigns') return { name: 'campaigns' };
    if (first === 'groups') return { name: 'groups' };
    if (first === 'staff') return { name: 'staff' };
    if (first === 'audit') return { name: 'audit' };
    if (first === 'backups') return { name: 'backups' };
    if (first === 'requests') return { name: 'requests' };
    if (first === 'settings') return { name: 'settings' };
    if (first === 'sign-in') return { name: 'sign-in' };
  }
  if (parts.length === 2 && first === 'customers' && second !== undefined) {
    return { name: 'customer', id: decodeURIComponent(second) };
  }
  if (parts.length === 2 && first === 'gift-cards' && second !== undefined) {
    return { name: 'gift-card', id: decodeURIComponent(second) };
  }
  if (parts.length === 2 && first === 'groups' && second !== undefined) {
    return { name: 'group', id: decodeURIComponent(second) };
  }
  return { name: 'not-found', path };
}

/**
 * Where a sign-in lands: the till for a till sign-in (it has a register), the back office
 * for a password sign-in (it has none; the till asks for a register before selling).
 */
export function homeHref(session: Session): string {
  return session.register !== null ? '#/till' : '#/customers';
}

export function customerHref(id: string): string {
  return `#/customers/${encodeURIComponent(id)}`;
}

export function giftCardHref(id: string): string {
  return `#/gift-cards/${encodeURIComponent(id)}`;
}

export function groupHref(id: string): string {
  return `#/groups/${encodeURIComponent(id)}`;
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  return parseHash(useSyncExternalStore(subscribe, currentHash));
}
