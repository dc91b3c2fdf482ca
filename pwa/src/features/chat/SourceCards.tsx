import type { SourceRef } from '@lotbook/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useData } from '../../app/hooks.ts';
import { useFormat } from '../../i18n/format.ts';
import { Icon } from '../../ui/icons.tsx';
import { readModelFor } from '../inventory/useInventory.ts';

/** The records an answer names, as tappable cards (vehicles and leads; sales are counted, not listed). */
export function SourceCards({ sources }: { sources: readonly SourceRef[] }) {
  const { t } = useTranslation('chat');
  const { db } = useData();
  const fmt = useFormat();
  const shown = sources.filter((s) => s.type === 'vehicle' || s.type === 'lead');
  if (shown.length === 0) return null;
  const model = readModelFor(db);
  return (
    <ul className="chat-sources" aria-label={t('sources', { count: shown.length })}>
      {shown.map((s) => {
        if (s.type === 'lead') {
          return (
            <li key={s.id}>
              <Link className="chat-source" to={`/leads/${s.id}`}>
                <Icon name="leads" />
                <span>{t('openLead')}</span>
              </Link>
            </li>
          );
        }
        const v = model.get(s.id);
        return (
          <li key={s.id}>
            <Link className="chat-source" to={`/inventory/${s.id}`}>
              <Icon name="car" />
              <span className="chat-source-text">
                <span className="chat-source-title">{v ? `${v.v.make} ${v.v.model} ${v.v.year}` : t('openVehicle')}</span>
                {v ? <span className="muted">{fmt.money(v.price)} · {v.v.lot_location ?? t('noLot')}</span> : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
