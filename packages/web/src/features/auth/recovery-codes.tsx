import { Link } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';

/** Shown once: the server keeps only hashes, so this is the only time anyone sees them. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="success" heading={t('mfaEnrol.doneHeading')} live>
        {t('mfaEnrol.doneBody')}
      </Alert>
      <section aria-labelledby="recovery-heading" className="site-print-area">
        <h2 id="recovery-heading">{t('mfaEnrol.recoveryHeading')}</h2>
        <p>{t('mfaEnrol.recoveryBody')}</p>
        <ol className="site-recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
      </section>
      <div className="margin-top-3 site-no-print">
        <Button type="button" outline onClick={() => window.print()}>
          {t('mfaEnrol.print')}
        </Button>
        <Link className="usa-button" to="/app">
          {t('mfaEnrol.continue')}
        </Link>
      </div>
    </>
  );
}
