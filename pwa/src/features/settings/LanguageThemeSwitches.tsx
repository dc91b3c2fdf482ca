import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index.ts';
import { LANGUAGES, isLanguage } from '../../i18n/language.ts';
import { setTheme, THEMES, useTheme, type Theme } from '../../app/theme.ts';
import { Icon, type IconName } from '../../ui/icons.tsx';

const THEME_ICONS: Record<Theme, IconName> = { system: 'monitor', light: 'sun', dark: 'moon' };
const LANGUAGE_NAMES: Record<string, string> = { es: 'Español', en: 'English' };

/** Language and theme pickers (radio groups). `compact` hides the legends and theme words. */
export function LanguageThemeSwitches({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation('settings');
  const theme = useTheme();
  const current = isLanguage(i18n.language) ? i18n.language : 'es';
  return (
    <div className={compact ? 'row switches-compact' : 'stack'}>
      <fieldset className="switch-group">
        <legend className={compact ? 'visually-hidden' : 'field-label'}>{t('language')}</legend>
        <div className="segmented">
          {LANGUAGES.map((lng) => (
            <label key={lng}>
              <input type="radio" name="language" value={lng} checked={current === lng} onChange={() => void setLanguage(lng)} />
              <span lang={lng}>{compact ? lng.toUpperCase() : LANGUAGE_NAMES[lng]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="switch-group">
        <legend className={compact ? 'visually-hidden' : 'field-label'}>{t('theme')}</legend>
        <div className="segmented">
          {THEMES.map((th) => (
            <label key={th} title={t(`themes.${th}`)}>
              <input type="radio" name="theme" value={th} checked={theme === th} onChange={() => setTheme(th)} aria-label={compact ? t(`themes.${th}`) : undefined} />
              <span>
                <Icon name={THEME_ICONS[th]} />
                {compact ? null : t(`themes.${th}`)}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
