import { useSearchParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { EQUITY_DIMENSIONS, type EquityAudit } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DateField, SelectField } from '../../components/form-fields';
import { formatDate, formatNumber } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCurrentMe } from '../staff/me-context';
import { useEquityAudit } from './equity.api';
import { EquityChart } from './equity-chart';
import { decimal, dimensionLabel, groupLabel } from './equity-labels';
import { EquityTable } from './equity-table';
import './equity.css';

/** The alerts, first thing on the page: each group, measure and ratio in a sentence. */
function EquityAlerts({ audit }: { audit: EquityAudit }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (audit.alerts.length === 0)
    return (
      <Alert type="success" heading={t('equity.alerts.noneHeading')}>
        <p className="margin-0">{t('equity.alerts.none', { threshold: decimal(audit.threshold, lang) })}</p>
      </Alert>
    );
  return (
    <Alert type="warning" heading={t('equity.alerts.heading', { count: audit.alerts.length })}>
      <ul className="margin-0">
        {audit.alerts.map((a) => (
          <li key={`${a.dimension}:${a.group}:${a.measure}`}>
            {t(a.measure === 'referralsCompleted' ? 'equity.alerts.itemLower' : 'equity.alerts.item', {
              group: groupLabel(t, a.dimension, a.group),
              measure: t(`equity.measures.${a.measure}`),
              estimate: decimal(a.riskRatio.estimate, lang),
              low: decimal(a.riskRatio.low, lang),
              high: decimal(a.riskRatio.high, lang),
            })}
          </li>
        ))}
      </ul>
      <p className="margin-bottom-0">{t('equity.alerts.rule', { threshold: decimal(audit.threshold, lang) })}</p>
    </Alert>
  );
}

export function EquityReport({ audit }: { audit: EquityAudit }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div>
      <EquityAlerts audit={audit} />
      <p>
        {t('equity.summary', {
          from: formatDate(audit.from, lang),
          to: formatDate(audit.to, lang),
          cases: formatNumber(audit.totals.cases, lang),
          students: formatNumber(audit.totals.students, lang),
          referrals: formatNumber(audit.totals.referrals, lang),
        })}
      </p>
      <p className="usa-hint">
        {t('equity.enrollmentNote', {
          total: formatNumber(audit.enrollment.total, lang),
          asOf: formatDate(audit.enrollment.asOf, lang),
          year: audit.enrollment.schoolYear,
        })}
      </p>
      {EQUITY_DIMENSIONS.map((d) => {
        const groups = audit.groups.filter((g) => g.dimension === d);
        return (
          <section key={d} className="equity-dimension">
            <h2>{dimensionLabel(t, d)}</h2>
            <EquityChart groups={groups} />
            <EquityTable groups={groups} alerts={audit.alerts} />
          </section>
        );
      })}
      <h2>{t('equity.howHeading')}</h2>
      <p>{t('equity.how.ratio')}</p>
      <p>{t('equity.how.measures')}</p>
    </div>
  );
}

/**
 * /app/equity: the equity audit of threat assessment cases and support referrals (issue 15 item
 * 5). Range and school are kept in the address, so a view can be bookmarked and printed.
 */
export function EquityPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const filters = Object.fromEntries(
    (['schoolId', 'from', 'to'] as const).flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : [])),
  ) as { schoolId?: string; from?: string; to?: string };
  const audit = useEquityAudit(district.id, filters);
  const schools = useSchools(district.id, { limit: 100, offset: 0 });
  const schoolList = schools.data?.items ?? [];
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next);
  };
  return (
    <section className="usa-section equity-page">
      <PageTitle>{t('equity.title')}</PageTitle>
      <p className="usa-intro">{t('equity.intro')}</p>
      <div className="grid-row grid-gap site-no-print">
        <div className="tablet:grid-col-3">
          <DateField
            id="equity-from"
            label={t('equity.filters.from')}
            isOptional
            value={filters.from ?? ''}
            onChange={(v) => setFilter('from', v)}
          />
        </div>
        <div className="tablet:grid-col-3">
          <DateField
            id="equity-to"
            label={t('equity.filters.to')}
            isOptional
            value={filters.to ?? ''}
            onChange={(v) => setFilter('to', v)}
          />
        </div>
        {schoolList.length > 1 && (
          <div className="tablet:grid-col-4">
            <SelectField
              id="equity-school"
              label={t('equity.filters.school')}
              isOptional
              placeholder={t('equity.filters.allSchools')}
              value={filters.schoolId ?? ''}
              onChange={(v) => setFilter('schoolId', v)}
              options={schoolList.map((s) => ({ value: s.id, label: s.name }))}
            />
          </div>
        )}
        <div className="tablet:grid-col-2 display-flex flex-align-end">
          <Button type="button" outline onClick={() => window.print()}>
            {t('equity.print')}
          </Button>
        </div>
      </div>
      <QueryView
        query={audit}
        loadingLabel={t('equity.loading')}
        errorHeading={t('equity.loadError')}
        isEmpty={(a) => a.totals.cases === 0 && a.totals.referrals === 0}
        empty={
          <Alert type="info" heading={t('equity.emptyHeading')}>
            <p className="margin-0">{t('equity.empty')}</p>
          </Alert>
        }
      >
        {(a) => <EquityReport audit={a} />}
      </QueryView>
    </section>
  );
}
