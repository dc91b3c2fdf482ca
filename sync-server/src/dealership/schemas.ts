import { z } from 'zod';

const validZone = (tz: string) => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone.length > 0;
  } catch {
    return false;
  }
};

/** The four dealership columns, without defaults (a PATCH must not reset what it leaves out). */
export const dealershipFields = {
  name: z.string().trim().min(1).max(120),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as EUR'),
  timezone: z.string().trim().max(60).refine(validZone, 'is not a known IANA time zone (e.g. Europe/Madrid)'),
  locale: z.enum(['es-ES', 'en-US', 'en-GB', 'es-MX']),
};

export const dealershipBasics = z.object({
  name: dealershipFields.name,
  currency: dealershipFields.currency.default('EUR'),
  timezone: dealershipFields.timezone.default('Europe/Madrid'),
  locale: dealershipFields.locale.default('es-ES'),
});

export const newPassword = z.string().min(8, 'must be at least 8 characters').max(1024);

export const adminBasics = z.object({
  first_name: z.string().trim().min(1).max(80),
  last_name: z.string().trim().max(80).default(''),
  email: z.string().trim().toLowerCase().email().max(254),
});

/** The browser setup form: the link's token, the dealership, and the first admin with a password. */
export const setupBody = z.object({
  token: z.string().min(1).max(512),
  dealership: dealershipBasics,
  admin: adminBasics.extend({ password: newPassword }),
});

export const tokenBody = z.object({ token: z.string().min(1).max(512) });
export const setPasswordBody = z.object({ token: z.string().min(1).max(512), password: newPassword });

export type DealershipBasics = z.infer<typeof dealershipBasics>;
export type AdminBasics = z.infer<typeof adminBasics>;
