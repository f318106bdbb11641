import { useTranslation } from 'react-i18next';
import type { CpiRow } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { Loading } from '../../components/loading';
import { CompareChart, CompareTable, type CompareRow } from './benchmark-parts';
import { CPI_MEASURES, cpiStateRow, cpiValue, stateName } from './benchmarks';
import { useCpiTable } from './transparency.api';

/**
 * The Center for Public Integrity's 2017-18 national and state table (from CRDC 2017-18, the last
 * year before the pandemic): the reference the 2020-21 figures are read against.
 */
export function CpiBenchmark({ state }: { state: string }) {
  const { t } = useTranslation();
  const cpi = useCpiTable();
  return (
    <>
      <h3>{t('benchmarks.cpi.heading')}</h3>
      <p className="measure-6">{t('benchmarks.cpi.explain')}</p>
      {cpi.isPending ? (
        <Loading label={t('benchmarks.loading')} />
      ) : isApiError(cpi.error, 404) ? (
        <p>{t('benchmarks.cpi.unavailable')}</p>
      ) : cpi.isError ? (
        <ApiErrorAlert error={cpi.error} heading={t('benchmarks.loadError')} />
      ) : (
        <CpiTableView
          national={cpi.data.national}
          stateRow={cpiStateRow(cpi.data.states, state)}
          citation={cpi.data.citation}
          url={cpi.data.url}
        />
      )}
    </>
  );
}

function CpiTableView({
  national,
  stateRow,
  citation,
  url,
}: {
  national: CpiRow;
  stateRow: CpiRow | undefined;
  citation: string;
  url: string;
}) {
  const { t } = useTranslation();
  const places = stateRow ? [national, stateRow] : [national];
  const columns = places.map((p) =>
    p === national ? t('benchmarks.cpi.national') : t('benchmarks.cpi.state', { state: stateName(p) }),
  );
  const rows: CompareRow[] = CPI_MEASURES.map((m) => ({
    key: m,
    label: t(`benchmarks.cpi.measures.${m}`),
    kind: m === 'enrollment' || m === 'referrals' ? 'count' : m === 'leoFtePerThousand' ? 'ratio' : 'per1000',
    values: places.map((p) => cpiValue(p, m)),
  }));
  const caption = t('benchmarks.cpi.caption');
  const rates = rows.filter((r) => r.kind === 'per1000');
  return (
    <>
      <CompareChart caption={t('benchmarks.cpi.ratesCaption')} columns={columns} rows={rates} />
      <CompareTable id="bm-cpi" caption={caption} rowHeading={t('benchmarks.measure')} columns={columns} rows={rows} />
      {!stateRow && <p>{t('benchmarks.cpi.noState')}</p>}
      <p className="font-body-2xs">
        {t('benchmarks.source')}{' '}
        <a href={url} rel="noreferrer">
          {citation}
        </a>
      </p>
    </>
  );
}
