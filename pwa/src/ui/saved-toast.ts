import type { TFunction } from 'i18next';

/**
 * A "saved" message, with "it will sync when there is a connection" only while the device is
 * offline: online, the write is already on its way (issue 9 said it showed while online).
 */
export function savedText(text: string, online: boolean, t: TFunction): string {
  return online ? text : `${text} ${t('common:syncLater')}`;
}
