import { useTranslation } from 'react-i18next';
import type { EquityAlert, EquityFigure, EquityGroup, EquityMeasure } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';
import { decimal, dimensionLabel, groupLabel, percent } from './equity-labels';

const MEASURES: EquityMeasure[] = ['opened', 'serious', 'le', 'removal', 'referralsCompleted'];

/** One figure: the rate (per 1,000 or a share), its count, and the risk ratio with its 95% interval. */
function FigureCell({ measure, f, alert }: { measure: EquityMeasure; f: EquityFigure; alert: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rate = f.rate === null ? '—' : measure === 'opened' ? decimal(f.rate, lang, 1) : percent(f.rate, lang);
  return (
    <td className={alert ? 'equity-alert-cell' : undefined}>
      <span className="display-block">{rate}</span>
      <span className="display-block font-sans-3xs text-base-darker">
        {t('equity.table.countOf', { count: f.count, of: formatNumber(f.of, lang) })}
      </span>
      <span className="display-block font-sans-3xs">
        {f.riskRatio
          ? t('equity.table.ratio', {
              estimate: decimal(f.riskRatio.estimate, lang),
              low: decimal(f.riskRatio.low, lang),
              high: decimal(f.riskRatio.high, lang),
            })
          : t('equity.table.noRatio')}
      </span>
      {alert && <strong className="display-block text-secondary-dark">{t('equity.table.alert')}</strong>}
    </td>
  );
}

/** A dimension's groups: enrollment, each measure with its risk ratio, support-only outcomes beside removal. */
export function EquityTable({ groups, alerts }: { groups: EquityGroup[]; alerts: EquityAlert[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dimension = groups[0]!.dimension;
  const flagged = (g: EquityGroup, m: EquityMeasure) =>
    alerts.some((a) => a.dimension === g.dimension && a.group === g.group && a.measure === m);
  const captionId = `equity-table-${dimension}`;
  return (
    <DataTable captionId={captionId} caption={t('equity.table.caption', { dimension: dimensionLabel(t, dimension) })}>
      <thead>
        <tr>
          <th scope="col">{t('equity.table.group')}</th>
          <th scope="col">{t('equity.table.enrolled')}</th>
          {MEASURES.map((m) => (
            <th scope="col" key={m}>
              {t(`equity.measures.${m}`)}
            </th>
          ))}
          <th scope="col">{t('equity.measures.supportOnly')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.group}>
            <th scope="row">{groupLabel(t, dimension, g.group)}</th>
            <td>{formatNumber(g.enrolled, lang)}</td>
            {MEASURES.map((m) => (
              <FigureCell key={m} measure={m} f={g[m]} alert={flagged(g, m)} />
            ))}
            <td>
              <span className="display-block">{percent(g.supportOnly.share, lang)}</span>
              <span className="display-block font-sans-3xs text-base-darker">
                {t('equity.table.countOf', { count: g.supportOnly.count, of: formatNumber(g.removal.of, lang) })}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
