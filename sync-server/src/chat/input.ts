import { z } from 'zod';

/** The longest question accepted (characters). */
export const MAX_MESSAGE_LENGTH = 1000;
/** Questions a user may ask per minute. */
export const QUESTIONS_PER_MINUTE = 20;

export const askBody = z.object({
  message: z.string().trim().min(1, 'must not be empty').max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`),
  context: z.object({
    include_inventory: z.boolean().default(true),
    include_leads: z.boolean().default(false),
    max_results: z.number().int().min(1).max(20).default(5),
  }).strict().default({ include_inventory: true, include_leads: false, max_results: 5 }),
}).strict();
export type AskBody = z.infer<typeof askBody>;

export const sessionBody = z.object({ title: z.string().trim().max(120).optional() }).strict();

export const feedbackBody = z.object({
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(1000).optional(),
}).strict();

export const langQuery = z.object({ lang: z.enum(['es', 'en']).optional() });
