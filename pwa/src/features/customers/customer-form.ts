import { customerFields, documentErrors, type Customer } from '@lotbook/shared';
import { normalizePhone } from '../leads/phone.ts';

export interface ContactValues {
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
}

export type ContactField = keyof ContactValues;
export type ContactPatch = Pick<Customer, 'first_name' | 'last_name' | 'phone' | 'email'>;

/** Each error is a key under `customers:edit.errors`. */
export type ContactErrors = Partial<Record<ContactField, string>>;

const SHARED_CODES: Record<string, string> = { required: 'firstNameRequired', too_long: 'tooLong', invalid_email: 'email', invalid_phone: 'phone' };

export function toContactValues(c: Pick<Customer, 'first_name' | 'last_name' | 'phone' | 'email'>): ContactValues {
  return { first_name: c.first_name, last_name: c.last_name, phone: c.phone ?? '', email: c.email ?? '' };
}

/**
 * Validates contact edits the way the server will (customerFields): a first name, lengths, a
 * phone that libphonenumber-js accepts (stored as E.164, Spain by default), a valid email that no
 * other local customer uses (the server refuses a duplicate email as a conflict).
 */
export function checkContact(
  v: ContactValues,
  emailTaken: (emailLower: string) => boolean,
): { errors: ContactErrors; patch: ContactPatch | null } {
  const errors: ContactErrors = {};
  const first = v.first_name.trim();
  const last = v.last_name.trim();
  if (!first) errors.first_name = 'firstNameRequired';
  else if (first.length > 80) errors.first_name = 'tooLong';
  if (last.length > 120) errors.last_name = 'tooLong';
  let phone: string | null = null;
  if (v.phone.trim()) {
    phone = normalizePhone(v.phone);
    if (!phone) errors.phone = 'phone';
  }
  let email: string | null = null;
  if (v.email.trim()) {
    email = v.email.trim();
    if (!customerFields.shape.email.safeParse(email).success) errors.email = 'email';
    else if (emailTaken(email.toLowerCase())) errors.email = 'emailTaken';
  }
  // Then the server's own field rules (shared), so nothing it would refuse is ever queued.
  const patch = { first_name: first, last_name: last, phone, email };
  for (const e of documentErrors('customers', { address: null, national_id: null, is_active: true, ...patch })) {
    const field = e.field as ContactField;
    if (field in v && !errors[field]) errors[field] = SHARED_CODES[e.code] ?? 'invalid';
  }
  if (Object.keys(errors).length > 0) return { errors, patch: null };
  return { errors, patch };
}
