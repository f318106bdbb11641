import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RACES, type CrdcDistrictBenchmark } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';
import { Loading } from '../../components/loading';
import { CompareChart, CompareTable, SourceNote, type CompareRow } from './benchmark-parts';
import { OVERVIEW_MEASURES, PLACES, STAFF, overviewValue, raceRate, ratiosOf, summaries } from './benchmarks';
import { CpiBenchmark } from './cpi-benchmark';
import { CRDC_YEAR, useDistrictBenchmark } from './transparency.api';

/**
 * The district beside its state and districts of similar size in the federal Civil Rights Data
 * Collection, then the CPI 2017-18 reference figures. Both are public already: shown as published,
 * with source and year. A district the CRDC data does not cover gets a short note, not an error.
 */
export function BenchmarkSection({ districtId, state }: { districtId: string; state: string }) {
  const { t } = useTranslation();
  const bench = useDistrictBenchmark(districtId);
  // A district the loaded CRDC files do not cover answers `available: false` (not a failed request).
  const data = bench.isSuccess && bench.data.available ? bench.data : null;
  return (
    <section id="benchmarks" className="tp-section margin-bottom-5" aria-labelledby="benchmarks-heading">
      <h2 id="benchmarks-heading">{t('benchmarks.heading')}</h2>
      <p className="measure-6">{t('benchmarks.intro', { year: CRDC_YEAR })}</p>
      {bench.isPending ? (
        <Loading label={t('benchmarks.loading')} />
      ) : isApiError(bench.error, 404) || (bench.isSuccess && !data) ? (
        <p>{t('benchmarks.unavailable', { year: CRDC_YEAR })}</p>
      ) : bench.isError ? (
        <ApiErrorAlert error={bench.error} heading={t('benchmarks.loadError')} />
      ) : (
        data && <CrdcBenchmark bench={data} districtId={districtId} />
      )}
      <CpiBenchmark state={state} />
    </section>
  );
}

function CrdcBenchmark({ bench, districtId }: { bench: CrdcDistrictBenchmark; districtId: string }) {
  const { t } = useTranslation();
  const s = summaries(bench);
  const columns = [
    t('benchmarks.places.district'),
    t('benchmarks.places.state', { state: bench.state.state }),
    t('benchmarks.places.similar', { count: bench.similar.leaIds.length }),
  ];
  const overview: CompareRow[] = OVERVIEW_MEASURES.map((m) => ({
    key: m,
    label: t(`benchmarks.measures.${m}`),
    kind: m.endsWith('per1000') ? 'per1000' : m === 'leo_fte' ? 'ratio' : 'count',
    values: PLACES.map((p) => overviewValue(s[p], m)),
  }));
  const rates = overview.filter((r) => r.key.endsWith('per1000'));
  const byRace = (outcome: 'referrals' | 'arrests'): CompareRow[] =>
    RACES.map((r) => ({
      key: r,
      label: t(`incidents.races.${r}`),
      kind: 'per1000',
      values: PLACES.map((p) => raceRate(s[p], r, outcome)),
    }));
  const ratios = ratiosOf(bench);
  const staff: CompareRow[] = STAFF.map((k) => ({
    key: k,
    label: t(`benchmarks.staff.${k}`),
    kind: 'count',
    values: [...PLACES.map((p) => ratios[p][k].studentsPerFte), ratios.district[k].recommended],
  }));
  const source = (
    <SourceNote name={bench.source.name} publisher={bench.source.publisher} url={bench.source.url} year={bench.year} />
  );

  return (
    <>
      <h3>{t('benchmarks.overviewHeading')}</h3>
      <p className="measure-6">{t('benchmarks.overviewExplain')}</p>
      <CompareChart caption={t('benchmarks.ratesCaption', { year: bench.year })} columns={columns} rows={rates} />
      <CompareTable
        id="bm-overview"
        caption={t('benchmarks.overviewCaption', { year: bench.year })}
        rowHeading={t('benchmarks.measure')}
        columns={columns}
        rows={overview}
      />
      {source}

      {(['referrals', 'arrests'] as const).map((outcome) => {
        const caption = t(`benchmarks.race.${outcome}Caption`, { year: bench.year });
        return (
          <div key={outcome}>
            <h3>{t(`benchmarks.race.${outcome}Heading`)}</h3>
            {outcome === 'referrals' && <p className="measure-6">{t('benchmarks.race.explain')}</p>}
            <CompareChart caption={caption} columns={columns} rows={byRace(outcome)} />
            <CompareTable
              id={`bm-race-${outcome}`}
              caption={caption}
              rowHeading={t('benchmarks.race.group')}
              columns={columns}
              rows={byRace(outcome)}
            />
          </div>
        );
      })}
      {source}

      <h3>{t('benchmarks.noCounselor.heading')}</h3>
      <p className="measure-6">{t('benchmarks.noCounselor.explain')}</p>
      <NoCounselorTable bench={bench} districtId={districtId} />
      {source}

      <h3>{t('benchmarks.staff.heading')}</h3>
      <p className="measure-6">{t('benchmarks.staff.explain')}</p>
      <CompareChart
        caption={t('benchmarks.staff.caption', { year: bench.year })}
        columns={[...columns, t('benchmarks.places.recommended')]}
        rows={staff}
      />
      <CompareTable
        id="bm-staff"
        caption={t('benchmarks.staff.caption', { year: bench.year })}
        rowHeading={t('benchmarks.staff.role')}
        columns={[...columns, t('benchmarks.places.recommended')]}
        rows={staff}
      />
      {source}
    </>
  );
}

function NoCounselorTable({ bench, districtId }: { bench: CrdcDistrictBenchmark; districtId: string }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  if (bench.leoNoCounselor.length === 0) return <p>{t('benchmarks.noCounselor.none')}</p>;
  const students = bench.leoNoCounselor.reduce((sum, s) => sum + s.enrollment, 0);
  return (
    <>
      <p>{t('benchmarks.noCounselor.summary', { schools: n(bench.leoNoCounselor.length), students: n(students) })}</p>
      <DataTable
        captionId="bm-no-counselor-caption"
        caption={t('benchmarks.noCounselor.caption', { year: bench.year })}
      >
        <thead>
          <tr>
            <th scope="col">{t('benchmarks.noCounselor.school')}</th>
            <th scope="col" className="text-right">
              {t('benchmarks.noCounselor.enrollment')}
            </th>
            <th scope="col" className="text-right">
              {t('benchmarks.noCounselor.leoFte')}
            </th>
          </tr>
        </thead>
        <tbody>
          {bench.leoNoCounselor.map((s) => (
            <tr key={s.combokey}>
              <th scope="row">
                {s.schoolId ? (
                  <Link to={`/districts/${encodeURIComponent(districtId)}/schools/${encodeURIComponent(s.schoolId)}`}>
                    {s.schoolName}
                  </Link>
                ) : (
                  s.schoolName
                )}
              </th>
              <td className="text-right">{n(s.enrollment)}</td>
              <td className="text-right">
                {new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(s.leoFte)}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}
