import { claimerOf } from '@lotbook/shared';
import type { TFunction } from 'i18next';
import type { ConflictDoc } from '../../db/index.ts';
import type { Formatter } from '../../i18n/format.ts';
import { fieldErrorText } from '../../ui/field-errors.ts';
import { fixableErrors } from './conflict-choices.ts';

const MONEY = new Set(['price', 'cost', 'promo_price', 'sale_price', 'down_payment', 'budget_min', 'budget_max']);
const USER_IDS = new Set(['reserved_by', 'assigned_to', 'user_id', 'salesperson_id']);
const DATE_LIKE = /(_at|_until|_date)$/;

/** A field value as a person reads it: money, dates, names for user ids, translated enums. */
export function formatValue(field: string, value: unknown, fmt: Formatter, names: ReadonlyMap<string, string>, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common:yes' : 'common:no');
  if (typeof value === 'number') return MONEY.has(field) ? fmt.money(value) : fmt.number(value, 2);
  if (typeof value === 'string') {
    if (USER_IDS.has(field)) return names.get(value) ?? value;
    if (DATE_LIKE.test(field)) return fmt.dateTime(value);
    return t(`common:enum.${value}`, { defaultValue: value });
  }
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/**
 * Why this write did not apply, as a sentence in the UI language, e.g. es
 * "Reservado por Ana García a las 10:42 mientras estabas sin conexión". Falls back to the
 * server's own message for reasons without a translation.
 */
export function reasonText(c: ConflictDoc, fmt: Formatter, names: ReadonlyMap<string, string>, t: TFunction): string {
  // A refusal the shared rules explain: say which field and why in the user's language, not the
  // server's English message.
  const invalid = c.reason === 'invalid_document' ? fixableErrors(c) : [];
  if (invalid.length > 0) {
    const fields = invalid.map((e) => `${t(`sync:fields.${e.field}`, { defaultValue: e.field })}: ${fieldErrorText(e, t)}`).join(' ');
    return t('sync:invalidFields', { fields });
  }
  const theirs = c.theirs ?? {};
  // A lost claim names the colleague in the server's message (the lead itself left my scope).
  const claimer = c.reason === 'lead_already_claimed' ? claimerOf(c.message) : null;
  const by = claimer ?? (typeof theirs.reserved_by === 'string' ? names.get(theirs.reserved_by) : undefined);
  const when = typeof theirs.updated_at === 'string' ? theirs.updated_at : c.created_at;
  return t(`sync:reason.${c.reason}`, {
    name: by ?? t('sync:someoneElse'),
    time: fmt.time(when),
    date: fmt.date(when),
    message: c.message,
    defaultValue: c.message,
  });
}
