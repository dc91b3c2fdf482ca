/** Activity rules: a note or any activity text stays readable on a phone. */
import { fail, OK, type RuleResult } from './result.ts';

/** The longest text of an activity (a note, a call summary): about a page. */
export const NOTE_MAX_LENGTH = 2000;

/** `note_too_long` when the description is longer than NOTE_MAX_LENGTH characters. */
export function checkActivity(a: { description: string }): RuleResult {
  if (a.description.length > NOTE_MAX_LENGTH) {
    return fail('note_too_long', `A note can have at most ${NOTE_MAX_LENGTH} characters.`, 'description');
  }
  return OK;
}
