import { useTranslation } from 'react-i18next';
import type { ActivitySummary } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';

const pct = (share: number | null, lang: string) =>
  share === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A horizontal bar per function: decoration only, the table beside it holds the numbers. */
function ShareBar({ share }: { share: number | null }) {
  return (
    <span aria-hidden="true" className="display-block bg-base-lighter" style={{ height: '0.75rem', minWidth: '4rem' }}>
      <span className="display-block bg-primary height-full" style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
    </span>
  );
}

/**
 * The summary: hours by the brief's three functions (a table with bars), hours in schools against
 * the grant condition (COPS: 75%), and the classroom-response share beside the national BJS 69%.
 */
export function ActivitySummaryView({ summary }: { summary: ActivitySummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatNumber(Math.round(v * 100) / 100, lang);
  const { inSchools, classroom } = summary;
  return (
    <div>
      <p>{t('activities.summary.range', { from: summary.from, to: summary.to, hours: n(summary.totalHours) })}</p>
      <DataTable captionId="activity-functions-caption" caption={t('activities.summary.functionsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('activities.summary.function')}</th>
            <th scope="col" className="text-right">
              {t('activities.summary.hours')}
            </th>
            <th scope="col" className="text-right">
              {t('activities.summary.share')}
            </th>
            <th scope="col">
              <span className="usa-sr-only">{t('activities.summary.bar')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.byFunction.map((f) => (
            <tr key={f.function}>
              <th scope="row">{t(`activities.functions.${f.function}`)}</th>
              <td className="text-right">{n(f.hours)}</td>
              <td className="text-right">{pct(f.share, lang)}</td>
              <td style={{ width: '30%' }}>
                <ShareBar share={f.share} />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="usa-hint">{t('activities.summary.functionsNote')}</p>

      <h3>{t('activities.summary.inSchoolsHeading')}</h3>
      <p>
        {inSchools.share === null
          ? t('activities.summary.inSchoolsNone')
          : t('activities.summary.inSchools', {
              hours: n(inSchools.hours),
              total: n(summary.totalHours),
              share: pct(inSchools.share, lang),
              target: pct(inSchools.target, lang),
            })}{' '}
        {inSchools.meetsTarget === true && <strong>{t('activities.summary.meets')}</strong>}
        {inSchools.meetsTarget === false && <strong>{t('activities.summary.below')}</strong>}
      </p>
      <p className="usa-hint">{t('activities.summary.targetNote', { target: pct(inSchools.target, lang) })}</p>

      <h3>{t('activities.summary.classroomHeading')}</h3>
      <DataTable captionId="activity-classroom-caption" caption={t('activities.summary.classroomCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('activities.summary.measure')}</th>
            <th scope="col" className="text-right">
              {t('activities.summary.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              {t('activities.summary.classroomOurs', {
                with: classroom.withClassroomResponse,
                of: classroom.activeOfficers,
              })}
            </th>
            <td className="text-right">{pct(classroom.share, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{t('activities.summary.classroomBjs')}</th>
            <td className="text-right">{pct(classroom.bjsShare, lang)}</td>
          </tr>
        </tbody>
      </DataTable>

      <DataTable captionId="activity-kinds-caption" caption={t('activities.summary.kindsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('activities.summary.kind')}</th>
            <th scope="col">{t('activities.summary.function')}</th>
            <th scope="col" className="text-right">
              {t('activities.summary.hours')}
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.items.map((k) => (
            <tr key={k.kind}>
              <th scope="row">{t(`activities.kinds.${k.kind}`)}</th>
              <td>{k.function ? t(`activities.functions.${k.function}`) : t('activities.functions.none')}</td>
              <td className="text-right">{n(k.hours)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
