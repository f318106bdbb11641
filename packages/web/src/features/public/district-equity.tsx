import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type PublicEquityFigure, type PublicEquityGroup, PublicEquitySchema } from '@forefront/contract';
import { api } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatDate } from '../../components/format';
import { Loading } from '../../components/loading';
import { decimal, dimensionLabel, groupLabel, percent } from '../equity/equity-labels';

export function usePublicEquity(districtId: string) {
  return useQuery({
    queryKey: ['public', 'districts', districtId, 'equity'],
    queryFn: ({ signal }) =>
      api.get(`/api/public/districts/${encodeURIComponent(districtId)}/equity`, PublicEquitySchema, undefined, signal),
  });
}

const PER_1000 = new Set(['cases', 'support']);
type Column = 'cases' | 'le' | 'removal' | 'support' | 'lawEnforcement' | 'referralsCompleted';
const COLUMNS: Column[] = ['cases', 'le', 'removal', 'support', 'lawEnforcement', 'referralsCompleted'];

/**
 * "Equity in threat assessment and referrals" on a district's public page (issue 15 items 3 and
 * 5), when the district publishes it: rates by student group from suppressed counts, students
 * referred to support services per 1,000 beside those referred to law enforcement. A withheld
 * figure says so; nothing here is about one student.
 */
export function DistrictEquity({ districtId }: { districtId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = usePublicEquity(districtId);
  if (q.isPending) return <Loading label={t('equity.public.loading')} />;
  if (q.isError) return <ApiErrorAlert error={q.error} />;
  const s = q.data.section;
  if (!s) return <p>{t('equity.public.notPublished')}</p>;
  const cell = (column: Column, g: PublicEquityGroup) => {
    if (column === 'lawEnforcement')
      return g.lawEnforcement.rate === null ? '—' : decimal(g.lawEnforcement.rate, lang, 1);
    const f: PublicEquityFigure = g[column];
    if (f.withheld) return t('equity.public.withheld');
    if (f.rate === null) return '—';
    return PER_1000.has(column) ? decimal(f.rate, lang, 1) : percent(f.rate, lang);
  };
  const label = (g: PublicEquityGroup) =>
    g.dimension === 'all'
      ? t('transparency.groups.all')
      : `${dimensionLabel(t, g.dimension)}: ${groupLabel(t, g.dimension, g.group)}`;
  return (
    <>
      <p>
        {t('equity.public.range', {
          from: formatDate(s.from, lang),
          to: formatDate(s.to, lang),
          year: s.schoolYear,
          n: s.minN,
        })}
      </p>
      <DataTable captionId="public-equity-caption" caption={t('equity.public.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('equity.table.group')}</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c} className="text-right">
                {t(`equity.public.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.groups.map((g) => (
            <tr key={`${g.dimension}:${g.group}`}>
              <th scope="row">{label(g)}</th>
              {COLUMNS.map((c) => (
                <td key={c} className="text-right">
                  {cell(c, g)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="usa-hint">{t('equity.public.note', { n: s.minN })}</p>
    </>
  );
}
