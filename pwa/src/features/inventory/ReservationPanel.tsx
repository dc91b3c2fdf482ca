import type { Vehicle } from '@lotbook/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RxDocument } from 'rxdb';
import { useData, useNow, useRequiredSession, useSyncStatus } from '../../app/hooks.ts';
import { savedText } from '../../ui/saved-toast.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { showToast } from '../../ui/toast.tsx';
import { useTeamNames } from '../team/useTeamNames.ts';
import { canRelease, canReserve, releaseVehicle, reservationExpired, reserveVehicle, ReservationError } from './reservation.ts';

/** Who holds the car and until when; reserve (48 h) or release. Works offline. */
export function ReservationPanel({ doc, v }: { doc: RxDocument<Vehicle>; v: Vehicle }) {
  const { t } = useTranslation('inventory');
  const data = useData();
  const { user } = useRequiredSession();
  const names = useTeamNames();
  const fmt = useFormat();
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const { online } = useSyncStatus();

  async function run(action: 'reserve' | 'release') {
    setBusy(true);
    try {
      if (action === 'reserve') {
        const until = await reserveVehicle(data, doc, user);
        showToast(savedText(t('reservedToast', { until: fmt.dateTime(until) }), online, t));
      } else {
        await releaseVehicle(data, doc, user);
        showToast(t('releasedToast'));
      }
    } catch (err) {
      showToast(err instanceof ReservationError ? t(`reservationError.${err.code}`) : t('saveFailed'));
    } finally {
      setBusy(false);
    }
  }

  const holder = v.reserved_by === user.id ? t('you') : (v.reserved_by && names.get(v.reserved_by)) || t('someone');
  return (
    <div className="stack" data-testid="reservation">
      {v.status === 'reserved' ? (
        <p className={`alert ${reservationExpired(v, now) ? 'alert-danger' : 'alert-warning'}`}>
          <Icon name="lock" />
          <span>
            {reservationExpired(v, now)
              ? t('reservationExpired', { name: holder, until: fmt.dateTime(v.reserved_until) })
              : t('reservedBy', { name: holder, until: fmt.dateTime(v.reserved_until) })}
          </span>
        </p>
      ) : null}
      {canReserve(v, user) ? (
        <button type="button" className="btn btn-primary btn-block" disabled={busy} onClick={() => void run('reserve')}>
          <Icon name="lock" />
          {t('reserve')}
        </button>
      ) : null}
      {canRelease(v, user, now) ? (
        <button type="button" className="btn btn-block" disabled={busy} onClick={() => void run('release')}>
          <Icon name="unlock" />
          {t('release')}
        </button>
      ) : null}
    </div>
  );
}
