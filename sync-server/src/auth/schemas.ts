import { z } from 'zod';

// Passwords are capped so a huge body cannot make argon2 hash megabytes per request.
const password = z.string().min(1).max(1024);

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password,
});

export const refreshBody = z.object({ refresh_token: z.string().min(1).max(512) });

export const logoutBody = z.object({
  refresh_token: z.string().min(1).max(512).optional(),
  all: z.boolean().optional(),
});

export const changePasswordBody = z.object({
  current_password: password,
  new_password: z.string().min(8, 'must be at least 8 characters').max(1024),
});
