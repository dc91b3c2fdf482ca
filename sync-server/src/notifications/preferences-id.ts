import { v3 } from 'uuid';
import { NOTIFICATION_PREFERENCES_NAMESPACE } from '@lotbook/shared';

/** The id of a user's `notification_preferences` document (the device computes the same). */
export function preferencesDocId(userId: string): string {
  return v3(userId, NOTIFICATION_PREFERENCES_NAMESPACE);
}
