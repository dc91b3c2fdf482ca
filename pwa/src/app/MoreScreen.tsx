import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../ui/icons.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { NavBadgeCount, useBadgeCounts, useNavItems } from './MainNav.tsx';

/** Phones: every screen, including those the bottom bar has no room for. */
export default function MoreScreen() {
  const { t } = useTranslation();
  usePageTitle(t('nav.more'));
  const items = useNavItems();
  const counts = useBadgeCounts();
  return (
    <div className="page">
      <h1>{t('nav.more')}</h1>
      <ul className="more-list">
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className="card more-link">
              <Icon name={item.icon} />
              <span className="more-label">{t(item.labelKey)}</span>
              {item.badge ? <NavBadgeCount kind={item.badge} count={counts[item.badge]} /> : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
