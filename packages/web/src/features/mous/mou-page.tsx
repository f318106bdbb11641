import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MouDetail } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan } from '../staff/me-context';
import { CompletenessText, MouStatusTag, ReminderText } from './mou-badges';
import { MouSigning } from './mou-signing';
import { MouClausesView, useReaderLang } from './mou-clauses-view';
import { RoleRulesView } from './role-rules-view';
import { mouPdfUrl, useMou } from './mous.api';

export function MouPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mou = useMou(id);
  return (
    <section className="usa-section">
      <QueryView query={mou} loadingLabel={t('mous.loading')}>
        {(m) => <MouView mou={m} />}
      </QueryView>
    </section>
  );
}

function MouView({ mou }: { mou: MouDetail }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const latest = mou.versions[0]!;
  const reader = useReaderLang();
  const date = (d: string) => formatDate(d, i18n.language);
  return (
    <>
      <PageTitle>{mou.title}</PageTitle>
      <p className="usa-intro">{t('mous.between', { agency: mou.agencyName })}</p>
      <p>
        <MouStatusTag status={mou.status} />{' '}
        {t('mous.dates', { effective: date(mou.effectiveDate), review: date(mou.nextReviewDate) })}
      </p>
      {mou.reminder && (
        <Alert type="warning" heading={t('mous.reminder.heading')}>
          <ReminderText reminder={mou.reminder} />
        </Alert>
      )}
      {!latest.completeness.complete && (
        <Alert type="warning" heading={t('mous.missingHeading', { version: latest.version })}>
          {latest.completeness.missing.map((k) => t(`mous.clauseNames.${k}`)).join(', ')}
        </Alert>
      )}
      <div className="margin-y-3">
        {can('mou.write') && (
          <Link className="usa-button" to={`/app/mous/${mou.id}/edit`}>
            {t('mous.editNewVersion')}
          </Link>
        )}
        <a className="usa-button usa-button--outline" href={mouPdfUrl(mou.id, latest.version, reader)} download>
          {t('mous.downloadPdf', { version: latest.version })}
        </a>
      </div>

      <h2 id="versions-heading">{t('mous.versionsHeading')}</h2>
      <DataTable captionId="versions-caption" caption={t('mous.versionsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('mous.fields.version')}</th>
            <th scope="col">{t('mous.fields.status')}</th>
            <th scope="col">{t('mous.fields.effectiveDate')}</th>
            <th scope="col">{t('mous.fields.changeNote')}</th>
            <th scope="col">{t('mous.fields.completeness')}</th>
            <th scope="col">{t('mous.fields.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {mou.versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">{v.version}</th>
              <td>
                <MouStatusTag status={v.status} />
              </td>
              <td>{date(v.effectiveDate)}</td>
              <td>{v.changeNote}</td>
              <td>
                <CompletenessText completeness={v.completeness} />
              </td>
              <td>
                <a
                  href={mouPdfUrl(mou.id, v.version, reader)}
                  download
                  aria-label={t('mous.pdfOf', { version: v.version })}
                >
                  {t('mous.pdf')}
                </a>
                {v.version > 1 && (
                  <>
                    {' · '}
                    <Link
                      to={`/app/mous/${mou.id}/diff?from=${v.version - 1}&to=${v.version}`}
                      aria-label={t('mous.compareOf', { version: v.version })}
                    >
                      {t('mous.compare')}
                    </Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <MouSigning mou={mou} />

      <h2>{t('mous.textHeading', { version: latest.version })}</h2>
      <MouClausesView
        clauses={latest.clauses}
        language={latest.language}
        names={{ district: mou.districtName, agency: mou.agencyName }}
        idPrefix="clause"
      />
      <h2>{t('mous.rulesHeading')}</h2>
      <p>{t('mous.rulesIntro')}</p>
      <RoleRulesView rules={latest.roleRules} idPrefix="mou-rules" />
    </>
  );
}
