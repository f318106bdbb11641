import { useTranslation } from 'react-i18next';
import { FLAG_KINDS, type RoleDrift } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';

type Counts = RoleDrift['byMonth'][number];

/** Share as a percentage with one decimal, or a dash when there is nothing to divide by. */
export function percent(part: number, whole: number, lang: string): string {
  if (whole === 0) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
}

/** One table shape for months, schools and officers: the first column names the row. */
export function CountsTable<T extends Counts | RoleDrift['items'][number] | RoleDrift['byOfficer'][number]>({
  id,
  caption,
  rowHeader,
  rows,
  name,
}: {
  id: string;
  caption: string;
  rowHeader: string;
  rows: T[];
  name: (row: T) => string;
}) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <DataTable captionId={`${id}-caption`} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          <th scope="col">{t('drift.columns.contacts')}</th>
          <th scope="col">{t('drift.columns.routine')}</th>
          <th scope="col">{t('drift.columns.routineShare')}</th>
          <th scope="col">{t('drift.columns.violations')}</th>
          <th scope="col">{t('drift.columns.arrests')}</th>
          <th scope="col">{t('drift.columns.referrals')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={name(r)}>
            <th scope="row">{name(r)}</th>
            <td>{n(r.contacts)}</td>
            <td>{n(r.routineDisciplineContacts)}</td>
            <td>{percent(r.routineDisciplineContacts, r.contacts, i18n.language)}</td>
            <td>{n(r.violations)}</td>
            <td>{n(r.arrests)}</td>
            <td>{n(r.referrals)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function KindsTable({ byKind }: { byKind: RoleDrift['totals']['byKind'] }) {
  const { t, i18n } = useTranslation();
  const kinds = FLAG_KINDS.filter((k) => (byKind[k] ?? 0) > 0);
  if (kinds.length === 0) return <p>{t('drift.noFlags')}</p>;
  return (
    <DataTable captionId="drift-kinds-caption" caption={t('drift.kindsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('drift.columns.kind')}</th>
          <th scope="col">{t('drift.columns.count')}</th>
        </tr>
      </thead>
      <tbody>
        {kinds.map((k) => (
          <tr key={k}>
            <th scope="row">{t(`incidents.flagKinds.${k}`)}</th>
            <td>{formatNumber(byKind[k] ?? 0, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
