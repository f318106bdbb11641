import { useTranslation } from 'react-i18next';
import { RACES } from '@forefront/contract';
import { isApiError } from '../../api/client';
import { CompareChart, CompareTable, SourceNote, type CompareRow } from './benchmark-parts';
import { findTable } from './cells';
import { SectionFrame, type SectionProps } from './section-frame';
import { TableBody } from './table-section';
import { CRDC_YEAR, useDistrictBenchmark } from './transparency.api';

/**
 * Exposure to police by group: the district's own published figures (the share of each race's
 * students in a school where a sworn officer logged a contact that year, suppressed like every
 * figure), then the same measure from the federal CRDC files for the district and its state
 * (schools with a sworn officer's FTE above 0), shown as published, or a sentence when none are loaded.
 */
export function ExposureSection(props: SectionProps) {
  const { def, report } = props;
  const { t } = useTranslation();
  const table = def.table ? findTable(report, def.table) : undefined;
  return (
    <SectionFrame def={def}>
      {table && table.rows.length > 0 ? (
        <TableBody {...props} table={table} />
      ) : (
        <p>{t('publicExtras.exposure.noRoster')}</p>
      )}
      <CrdcExposure districtId={props.districtId} />
    </SectionFrame>
  );
}

function CrdcExposure({ districtId }: { districtId: string }) {
  const { t } = useTranslation();
  const bench = useDistrictBenchmark(districtId);
  if (bench.isPending || (bench.isError && !isApiError(bench.error, 404))) return null;
  const heading = <h3>{t('publicExtras.exposure.crdcHeading', { year: CRDC_YEAR })}</h3>;
  if (!bench.isSuccess || !bench.data.available)
    return (
      <>
        {heading}
        <p>{t('publicExtras.exposure.crdcUnavailable', { year: CRDC_YEAR })}</p>
      </>
    );
  const b = bench.data;
  const columns = [t('benchmarks.places.district'), t('benchmarks.places.state', { state: b.state.state })];
  const groups = ['all', ...RACES];
  const rows: CompareRow[] = groups.map((g) => ({
    key: g,
    label: g === 'all' ? t('transparency.groups.all') : t(`incidents.races.${g}`),
    kind: 'share',
    values: [b.exposure.district, b.exposure.state].map((side) => side.find((r) => r.group === g)?.share ?? null),
  }));
  const caption = t('publicExtras.exposure.crdcCaption', { year: b.year, state: b.state.state });
  return (
    <>
      {heading}
      <p className="measure-6">{t('publicExtras.exposure.crdcExplain')}</p>
      <CompareChart caption={caption} columns={columns} rows={rows} />
      <CompareTable
        id="tp-exposure-crdc"
        caption={caption}
        rowHeading={t('publicExtras.exposure.group')}
        columns={columns}
        rows={rows}
      />
      <SourceNote name={b.source.name} publisher={b.source.publisher} url={b.source.url} year={b.year} />
    </>
  );
}
