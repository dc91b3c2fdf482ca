import type { FieldError } from '@lotbook/shared';
import type { TFunction } from 'i18next';

/**
 * A shared-rule field error (`documentErrors` in @lotbook/shared) as a sentence in the UI
 * language; numbers in its values are formatted with `formatNumber` when given.
 */
export function fieldErrorText(e: Pick<FieldError, 'code' | 'message' | 'params'>, t: TFunction, formatNumber?: (n: number) => string): string {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.params ?? {})) values[k] = typeof v === 'number' && formatNumber ? formatNumber(v) : String(v);
  return t(`common:fieldError.${e.code}`, { ...values, defaultValue: e.message });
}

/** Props that tie an input to its error message: aria-invalid + aria-describedby. */
export function invalidProps(id: string, error: unknown): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}
