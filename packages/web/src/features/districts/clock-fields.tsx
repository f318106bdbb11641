import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatOffset, offsetMinutes, timeZoneNames } from '@forefront/contract';
import { SelectField } from '../../components/form-fields';

/**
 * The district's clock (issue 12.1): its IANA time zone, from the zones this browser knows (the
 * server checks the name again), each shown with its offset today; and the first day of the
 * school year as a month and a day.
 */
export function TimeZoneField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const now = Date.now();
    const names = timeZoneNames();
    // A zone the server stored that this browser does not list still shows as chosen.
    if (value && !names.includes(value)) names.unshift(value);
    return names.map((name) => {
      let offset = '';
      try {
        offset = ` (UTC${formatOffset(offsetMinutes(now, name))})`;
      } catch {
        // Unknown to this browser: shown without an offset.
      }
      return { value: name, label: `${name.replace(/_/g, ' ')}${offset}` };
    });
  }, [value]);
  return (
    <SelectField
      id={id}
      label={t('clock.timeZone')}
      hint={t('clock.timeZoneHint')}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('clock.choose')}
      error={error}
    />
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** MM-DD as two selects; the month names in the reader's language. */
export function SchoolYearStartField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (mmdd: string) => void;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const month = Number(value.slice(0, 2)) || 7;
  const day = Number(value.slice(3, 5)) || 1;
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
  const months = DAYS_IN_MONTH.map((_, i) => ({
    value: String(i + 1),
    label: monthName.format(Date.UTC(2001, i, 1)),
  }));
  const days = Array.from({ length: DAYS_IN_MONTH[month - 1]! }, (_, i) => ({
    value: String(i + 1),
    label: String(i + 1),
  }));
  const set = (m: number, d: number) => onChange(`${pad(m)}-${pad(Math.min(d, DAYS_IN_MONTH[m - 1]!))}`);
  return (
    <fieldset className="usa-fieldset">
      <legend className="usa-legend">{t('clock.schoolYearStart')}</legend>
      <span className="usa-hint">{t('clock.schoolYearStartHint')}</span>
      <div className="grid-row grid-gap">
        <div className="grid-col-auto">
          <SelectField
            id={`${id}-month`}
            label={t('clock.month')}
            value={String(month)}
            onChange={(m) => set(Number(m), day)}
            options={months}
            error={error}
          />
        </div>
        <div className="grid-col-auto">
          <SelectField
            id={`${id}-day`}
            label={t('clock.day')}
            value={String(day)}
            onChange={(d) => set(month, Number(d))}
            options={days}
          />
        </div>
      </div>
    </fieldset>
  );
}
