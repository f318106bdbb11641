import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage } from '../i18n';

/**
 * USWDS's two-language selector: one button naming the other language in that language, marked
 * with its `lang` so screen readers pronounce it correctly.
 */
export function LanguageSwitcher() {
  const { i18n } = useTranslation();
  const others = LANGUAGES.filter((l) => l.code !== i18n.language);
  return (
    <div className="usa-language-container usa-language--small site-language">
      <ul className="usa-language__primary usa-accordion">
        {others.map((lang) => (
          <li key={lang.code} className="usa-language__primary-item">
            <button
              type="button"
              className="usa-button"
              lang={lang.code}
              onClick={() => void changeLanguage(lang.code)}
            >
              {lang.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
