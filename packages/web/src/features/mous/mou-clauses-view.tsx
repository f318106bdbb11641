import { useTranslation } from 'react-i18next';
import { type Clause, type Lang, type MouLanguage, pickLang, readerClauses } from '@forefront/contract';

/**
 * An MOU version's clauses in the reader's language (issue 13). The page says which language the
 * text is signed in (that text is authoritative); a clause the parties kept as the library wrote it
 * is shown in the library's translation, marked as such, with the signed text one click away; a
 * clause the district wrote itself is shown as signed, saying in which language.
 */
export function MouClausesView({
  clauses,
  language,
  names,
  collapsible = false,
  idPrefix,
}: {
  clauses: readonly Clause[];
  language: MouLanguage;
  names: { district: string; agency: string };
  /** The public page folds each clause under its title. */
  collapsible?: boolean;
  idPrefix: string;
}) {
  const { t, i18n } = useTranslation();
  const reader = useReaderLang();
  const shown = readerClauses(clauses, language, reader, names);
  const signedLanguage = t(`mouLanguage.languages.${language}`);
  return (
    <>
      <p className="text-bold" data-testid="mou-signed-language">
        {t('mouLanguage.signedIn', { language: signedLanguage })}
      </p>
      {reader !== language && (
        <p className="measure-6">
          {t('mouLanguage.translatedNotice', {
            reader: t(`mouLanguage.languages.${reader}`),
            language: signedLanguage,
          })}
        </p>
      )}
      {shown.map((c, i) => {
        const title = (
          <>
            {i + 1}. {c.title}
            {c.translated && (
              <>
                {' '}
                <span className="usa-tag bg-base-dark">{t('mouLanguage.translationTag')}</span>
              </>
            )}
          </>
        );
        const body = (
          <>
            {!c.translated && reader !== language && c.text && (
              <p className="font-body-3xs text-italic margin-bottom-0">
                {t('mouLanguage.asSigned', { language: signedLanguage })}
              </p>
            )}
            <p className="measure-6" style={{ whiteSpace: 'pre-line' }} lang={c.translated ? reader : language}>
              {c.text || <em lang={i18n.language}>{t('mous.emptyClause')}</em>}
            </p>
            {c.translated && (
              <details className="margin-bottom-2">
                <summary>{t('mouLanguage.showSigned', { language: signedLanguage })}</summary>
                <p className="measure-6" style={{ whiteSpace: 'pre-line' }} lang={language}>
                  {c.signedText}
                </p>
              </details>
            )}
          </>
        );
        return collapsible ? (
          <details key={c.key} className="margin-bottom-1" data-clause={c.key}>
            <summary className="text-bold">{title}</summary>
            {body}
          </details>
        ) : (
          <section key={c.key} className="margin-bottom-3" aria-labelledby={`${idPrefix}-${c.key}`} data-clause={c.key}>
            <h3 id={`${idPrefix}-${c.key}`}>{title}</h3>
            {body}
          </section>
        );
      })}
    </>
  );
}

/** The UI language as one of the contract's languages. */
export function useReaderLang(): Lang {
  const { i18n } = useTranslation();
  return pickLang(i18n.language);
}
