import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Button, Form } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@forefront/contract';
import { downloadBlob, requestFile } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import {
  DisclosureFields,
  type DisclosureBody,
  type DisclosureErrors,
  type DisclosureValue,
  EMPTY_DISCLOSURE,
  disclosureBody,
  validateDisclosure,
} from '../disclosures/disclosure-fields';

const casePath = (id: string) => `/api/threat-cases/${encodeURIComponent(id)}`;

/**
 * The case record as a PDF (policy case.export: everyone who may read the case detail): a link
 * that downloads it for the reader's own use (an audited read), and a records request that first
 * records a FERPA 99.32 disclosure to an outside party, then downloads the same PDF.
 */
export function CaseExportSection({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const [disclosure, setDisclosure] = useState<DisclosureValue>(EMPTY_DISCLOSURE);
  const [errors, setErrors] = useState<DisclosureErrors>({});
  const request = useMutation({
    mutationFn: async (body: DisclosureBody) => {
      const file = await requestFile('POST', `${casePath(c.id)}/disclosures`, { body, query: { lang } });
      downloadBlob(file.blob, file.filename ?? `case-${c.number}.pdf`);
      return body;
    },
    onSuccess: () => {
      setDisclosure(EMPTY_DISCLOSURE);
      setErrors({});
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = validateDisclosure(disclosure, t, 'threat.records.errors');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    request.mutate(disclosureBody(disclosure));
  };

  return (
    <section aria-labelledby="case-export-heading" className="site-no-print">
      <h2 id="case-export-heading">{t('threat.records.heading')}</h2>
      <p>
        <a className="usa-link" href={`${casePath(c.id)}/pdf?lang=${lang}`} download>
          {t('threat.records.download')}
        </a>
      </p>
      <p className="usa-hint">{t('threat.records.downloadHint')}</p>
      <h3 id="case-records-request-heading">{t('threat.records.requestHeading')}</h3>
      {request.isSuccess && (
        <Alert type="success" heading={t('threat.records.done')} live>
          <p className="margin-top-0">
            {t('threat.records.doneText', { party: request.data.party })}{' '}
            <Link to="/app/disclosures">{t('threat.records.openLog')}</Link>
          </p>
        </Alert>
      )}
      <Form onSubmit={submit} large aria-label={t('threat.records.formLabel')} noValidate>
        <DisclosureFields value={disclosure} onChange={setDisclosure} errors={errors} words="threat.records" />
        <ApiErrorAlert error={request.error} heading={t('threat.records.failed')} />
        <Button type="submit" disabled={request.isPending}>
          {t('threat.records.submit')}
        </Button>
      </Form>
    </section>
  );
}
