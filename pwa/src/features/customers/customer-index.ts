import type { Customer } from '@lotbook/shared';
import { fold, searchTokens } from '../inventory/fold.ts';

/** A customer plus what search and sorting need, computed once per change. */
export interface IndexedCustomer {
  c: Customer;
  /** "First Last". */
  name: string;
  /** Folded name, email and phone (as stored and digits only). */
  search: string;
  /** Folded "last first", the list order. */
  sortKey: string;
}

export function customerName(c: Pick<Customer, 'first_name' | 'last_name'> | null | undefined): string {
  return c ? `${c.first_name} ${c.last_name}`.trim() : '—';
}

export function indexCustomer(c: Customer): IndexedCustomer {
  const name = customerName(c);
  const phone = c.phone ?? '';
  const text = [name, c.email ?? '', phone, phone.replace(/\D/g, '')].join(' ');
  return { c, name, search: fold(text), sortKey: fold(`${c.last_name} ${c.first_name}`) };
}

export function compareCustomers(a: IndexedCustomer, b: IndexedCustomer): number {
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0;
}

/**
 * Customers whose name, email or phone contain every word of `q`, ignoring case and accents
 * ("jose" finds "José"); spaces inside a phone number split it into words, so "612 345" works.
 * Keeps the input order; stops after `limit` matches.
 */
export function filterCustomers(items: readonly IndexedCustomer[], q: string, limit = Infinity): IndexedCustomer[] {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return items.length <= limit ? [...items] : items.slice(0, limit);
  const out: IndexedCustomer[] = [];
  for (const item of items) {
    if (tokens.every((t) => item.search.includes(t))) {
      out.push(item);
      if (out.length >= limit) break;
    }
  }
  return out;
}
