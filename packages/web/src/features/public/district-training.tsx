import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type PublicOfficerCount, PublicTrainingSchema, TOPIC_LABELS } from '@forefront/contract';
import { api } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable } from '../../components/data-table';
import { formatDate, formatNumber } from '../../components/format';
import { Loading } from '../../components/loading';

export function usePublicTraining(districtId: string) {
  return useQuery({
    queryKey: ['public', 'districts', districtId, 'training'],
    queryFn: ({ signal }) =>
      api.get(
        `/api/public/districts/${encodeURIComponent(districtId)}/training`,
        PublicTrainingSchema,
        undefined,
        signal,
      ),
  });
}

/**
 * "Officer training and time" on a district's public page (issue 14 item 5): the standard in plain
 * words, how many assigned officers meet it and reach 40 and 80 hours, hours by topic and officers'
 * time by function, as the last publication made them. Withheld figures say why; no names.
 */
export function DistrictTraining({ districtId }: { districtId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const q = usePublicTraining(districtId);
  if (q.isPending) return <Loading label={t('publicTraining.loading')} />;
  if (q.isError) return <ApiErrorAlert error={q.error} />;
  const s = q.data.section;
  if (!s) return <p>{t('publicTraining.notPublished')}</p>;
  const n = (v: number) => formatNumber(Math.round(v * 10) / 10, i18n.language);
  const pct = (v: number | null) =>
    v === null ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  const count = (c: PublicOfficerCount) => (c.value === null ? t('publicTraining.withheld') : n(c.value));
  const rows: [string, PublicOfficerCount][] = [
    ['assigned', s.officers.assigned],
    ['meetsStandard', s.officers.meetsStandard],
    ['atLeast40Hours', s.officers.atLeast40Hours],
    ['atLeast80Hours', s.officers.atLeast80Hours],
  ];
  const anyWithheld = rows.some(([, c]) => c.withheld !== null);
  return (
    <>
      <p>{t('publicTraining.asOf', { date: formatDate(s.asOf, i18n.language), year: s.schoolYear })}</p>
      <h3>{t('publicTraining.standardHeading')}</h3>
      <ul className="usa-list">
        {s.standard[lang].map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>

      <h3>{t('publicTraining.officersHeading')}</h3>
      <DataTable captionId="public-training-officers" caption={t('publicTraining.officersCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('publicTraining.measure')}</th>
            <th scope="col" className="text-right">
              {t('publicTraining.officers')}
            </th>
            <th scope="col" className="text-right">
              {t('publicTraining.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, c]) => (
            <tr key={key}>
              <th scope="row">{t(`publicTraining.rows.${key}`)}</th>
              <td className="text-right">{count(c)}</td>
              <td className="text-right">{key === 'assigned' ? '' : pct(c.share)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {anyWithheld && <p className="font-body-2xs measure-6">{t('publicTraining.withheldNote', { n: s.minN })}</p>}

      <h3>{t('publicTraining.topicsHeading')}</h3>
      {s.hoursByTopic.withheld ? (
        <p>{t('publicTraining.aggregateWithheld', { n: s.minN })}</p>
      ) : (
        <DataTable captionId="public-training-topics" caption={t('publicTraining.topicsCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('publicTraining.topic')}</th>
              <th scope="col" className="text-right">
                {t('publicTraining.hours')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.hoursByTopic.rows.map((r) => (
              <tr key={r.topic}>
                <th scope="row">{TOPIC_LABELS[r.topic][lang]}</th>
                <td className="text-right">{n(r.hours)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <h3>{t('publicTraining.timeHeading')}</h3>
      {s.timeByFunction.withheld ? (
        <p>{t('publicTraining.aggregateWithheld', { n: s.minN })}</p>
      ) : (
        <DataTable
          captionId="public-training-time"
          caption={t('publicTraining.timeCaption', { from: formatDate(s.timeByFunction.from, i18n.language) })}
        >
          <thead>
            <tr>
              <th scope="col">{t('publicTraining.function')}</th>
              <th scope="col" className="text-right">
                {t('publicTraining.hours')}
              </th>
              <th scope="col" className="text-right">
                {t('publicTraining.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.timeByFunction.rows.map((r) => (
              <tr key={r.function}>
                <th scope="row">{t(`publicTraining.functions.${r.function}`)}</th>
                <td className="text-right">{n(r.hours)}</td>
                <td className="text-right">{pct(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
