import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from './icons.tsx';
import { usePageTitle } from './usePageTitle.ts';

export function NotFound() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="page">
      <div className="empty">
        <Icon name="info" />
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.body')}</p>
        <Link className="btn btn-primary" to="/">{t('notFound.home')}</Link>
      </div>
    </div>
  );
}
