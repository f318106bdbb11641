import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import { CellReason } from './cell-notes';
import { CellText } from './cell-text';
import { HIGHLIGHTS } from './section-defs';
import { SectionFrame, type SectionProps } from './section-frame';

/** The year's headline figures as cards, and when and how they were published. */
export function SummarySection({ def, report }: SectionProps) {
  const { t, i18n } = useTranslation();
  return (
    <SectionFrame def={def}>
      <dl className="tp-cards">
        {HIGHLIGHTS.map(([key, kind]) => (
          <div key={key} className="tp-card" data-highlight={key}>
            <dt className="tp-card__label">{t(`transparency.highlights.${key}`)}</dt>
            <dd className="tp-card__value">
              <CellText cell={report.highlights[key]} kind={kind} />
              <CellReason table="highlights" row={key} column={key} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="font-body-2xs">
        {t('transparency.publishedOn', {
          date: formatDate(report.publishedAt, i18n.language, report.district.timeZone),
          year: report.year,
        })}{' '}
        {t('transparency.minNNote', { n: report.minN })}
      </p>
    </SectionFrame>
  );
}
