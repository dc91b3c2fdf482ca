/** The outcome of a pure business rule: ok, or a machine code plus a human message. */
export type RuleResult =
  | { ok: true }
  | { ok: false; code: string; message: string; field?: string };

export const OK: RuleResult = { ok: true };

export function fail(code: string, message: string, field?: string): RuleResult {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
