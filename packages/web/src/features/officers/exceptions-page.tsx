import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { PAGE_SIZE_DEFAULT } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { SelectField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCurrentMe } from '../staff/me-context';
import { ExceptionsTable } from './officer-exceptions';
import { useExceptions } from './officers.api';

const STATES = ['all', 'current', 'past'] as const;

/** Every exception to the assignment gate, current and past, with approver, reason and expiry; printable. */
export function ExceptionsPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const state = (search.get('state') ?? 'all') as (typeof STATES)[number];
  const exceptions = useExceptions(district.id, { ...pageFromSearch(search, PAGE_SIZE_DEFAULT), state });
  const choose = (v: string) => {
    const next = new URLSearchParams(search);
    if (v === 'all') next.delete('state');
    else next.set('state', v);
    next.delete('page');
    setSearch(next);
  };
  return (
    <section className="usa-section">
      <PageTitle>{t('officers.exceptionsTitle')}</PageTitle>
      <p className="usa-intro">{t('officers.exceptionsIntro')}</p>
      <div className="grid-row grid-gap-2 flex-align-end margin-bottom-2 site-no-print">
        <div className="grid-col-12 tablet:grid-col-4">
          <SelectField
            id="exceptions-state"
            label={t('officers.exceptionState')}
            value={state}
            onChange={choose}
            options={STATES.map((s) => ({ value: s, label: t(`officers.exceptionFilter.${s}`) }))}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-4">
          <Button type="button" outline className="margin-bottom-1" onClick={() => window.print()}>
            {t('officers.print')}
          </Button>
        </div>
      </div>
      <QueryView
        query={exceptions}
        loadingLabel={t('officers.loading')}
        errorHeading={t('officers.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          exceptions.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('officers.noExceptionsHeading')}>
              {t('officers.noExceptionsBody')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <ExceptionsTable
              withOfficer
              items={p.items}
              caption={t('officers.allExceptionsCaption', {
                from: p.offset + 1,
                to: p.offset + p.items.length,
                total: p.total,
              })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('officers.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}
