import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_DEFAULT, REFERRAL_STATUSES } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { SelectField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { ReferralTable } from './referral-table';
import { type ReferralFilters, useReferrals } from './referrals.api';

/** Links between the referral pages, shown to whoever may use each. */
export function ReferralLinks() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <ul className="usa-button-group margin-bottom-2">
      {can('referral.write') && (
        <li className="usa-button-group__item">
          <Link className="usa-button" to="/app/referrals/new">
            {t('referrals.makeLink')}
          </Link>
        </li>
      )}
      <li className="usa-button-group__item">
        <Link className="usa-button usa-button--outline" to="/app/referrals/caseload">
          {t('referrals.caseloadLink')}
        </Link>
      </li>
      <li className="usa-button-group__item">
        <Link className="usa-button usa-button--outline" to="/app/referrals/providers">
          {t('referrals.providersLink')}
        </Link>
      </li>
    </ul>
  );
}

/** Referrals to support services: overdue follow-ups first, then the newest. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const show = search.get('show') ?? '';
  const filters: ReferralFilters = show === 'overdue' ? { overdue: 'true' } : show ? { status: show } : {};
  const referrals = useReferrals(district.id, { ...pageFromSearch(search, PAGE_SIZE_DEFAULT), ...filters });
  const choose = (v: string) => {
    const next = new URLSearchParams(search);
    if (v) next.set('show', v);
    else next.delete('show');
    next.delete('page');
    setSearch(next);
  };

  return (
    <section className="usa-section">
      <PageTitle>{t('referrals.title')}</PageTitle>
      <p className="usa-intro">{t('referrals.intro')}</p>
      <ReferralLinks />
      <div className="grid-row">
        <div className="grid-col-12 tablet:grid-col-4">
          <SelectField
            id="referral-show"
            label={t('referrals.show')}
            isOptional
            value={show}
            onChange={choose}
            placeholder={t('referrals.showAll')}
            options={[
              { value: 'overdue', label: t('referrals.showOverdue') },
              ...REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) })),
            ]}
          />
        </div>
      </div>
      <QueryView
        query={referrals}
        loadingLabel={t('referrals.loading')}
        errorHeading={t('referrals.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          referrals.data?.total ? (
            <PageOutOfRange />
          ) : show ? (
            <Alert type="info" heading={t('referrals.noMatchHeading')}>
              {t('referrals.noMatch')}
            </Alert>
          ) : (
            <Alert type="info" heading={t('referrals.emptyHeading')}>
              {can('referral.write') ? t('referrals.emptyMake') : t('referrals.emptyAsk')}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <ReferralTable
              referrals={p.items}
              caption={t('referrals.caption', { from: p.offset + 1, to: p.offset + p.items.length, total: p.total })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('referrals.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}
