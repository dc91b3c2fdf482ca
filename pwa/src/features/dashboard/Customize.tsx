import { useTranslation } from 'react-i18next';
import { CARD_IDS, moveCard, toggleCard, type CardLayout } from './layout.ts';

/** Show, hide and reorder the headline cards (kept per user on this device). */
export function Customize({ layout, onChange }: { layout: CardLayout; onChange(l: CardLayout): void }) {
  const { t } = useTranslation('dashboard');
  return (
    <section className="card dash-customize" aria-labelledby="dash-customize-title">
      <h2 id="dash-customize-title">{t('customize.title')}</h2>
      <ul>
        {layout.order.filter((id) => CARD_IDS.includes(id)).map((id, i) => (
          <li key={id}>
            <label className="checkbox">
              <input type="checkbox" checked={!layout.hidden.includes(id)} onChange={() => onChange(toggleCard(layout, id))} />
              {t(`cards.${id}`)}
            </label>
            <span className="spacer" />
            <button type="button" className="btn btn-ghost" disabled={i === 0} onClick={() => onChange(moveCard(layout, id, -1))} aria-label={t('customize.up', { card: t(`cards.${id}`) })}>↑</button>
            <button type="button" className="btn btn-ghost" disabled={i === layout.order.length - 1} onClick={() => onChange(moveCard(layout, id, 1))} aria-label={t('customize.down', { card: t(`cards.${id}`) })}>↓</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
