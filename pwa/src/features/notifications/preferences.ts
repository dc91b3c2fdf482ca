import { v3 } from 'uuid';
import { documentErrors, NOTIFICATION_PREFERENCES_NAMESPACE, type FieldError, type NotificationPreferenceDoc, type NotificationPreferences } from '@lotbook/shared';
import type { LotbookDatabase } from '../../db/database.ts';
import { newDocFields } from '../../db/doc-fields.ts';

/**
 * The user's notification preferences live in the replicated `notification_preferences`
 * collection: one document per user whose id is derived from the user's id (preferencesDocId). Settings edits it here, on the
 * device (offline too); replication pushes it like any other write (a viewer never pushes: their
 * Settings saves online through the REST endpoint instead).
 */
/** The id of the user's document: the UUIDv3 of their id, as the server computes it. */
export function preferencesDocId(userId: string): string {
  return v3(userId, NOTIFICATION_PREFERENCES_NAMESPACE);
}

export function preferencesOf(doc: Pick<NotificationPreferenceDoc, 'channels' | 'quiet_start' | 'quiet_end' | 'time_zone'> | null): NotificationPreferences {
  if (!doc) return { channels: {}, quiet_start: null, quiet_end: null, time_zone: null };
  return { channels: doc.channels, quiet_start: doc.quiet_start, quiet_end: doc.quiet_end, time_zone: doc.time_zone };
}

/** Field errors the server would refuse (invalid time, one end of the quiet hours missing…): nothing is stored then. */
export function preferenceErrors(userId: string, prefs: NotificationPreferences): FieldError[] {
  return documentErrors('notification_preferences', { user_id: userId, ...prefs });
}

export async function savePreferencesLocally(
  db: LotbookDatabase,
  user: { id: string; dealership_id: string },
  prefs: NotificationPreferences,
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const errors = preferenceErrors(user.id, prefs);
  if (errors.length) return { ok: false, errors };
  const fields = preferencesOf(prefs);
  const id = preferencesDocId(user.id);
  const current = await db.notification_preferences.findOne(id).exec();
  if (current) await current.incrementalPatch(fields);
  else await db.notification_preferences.insert({ ...newDocFields(user.dealership_id), id, user_id: user.id, ...fields });
  return { ok: true };
}
