import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_DEFAULT } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { SelectField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { useCurrentMe } from '../staff/me-context';
import { ReferralTable } from './referral-table';
import { ReferralLinks } from './referrals-page';
import { useProviders, useReferrals } from './referrals.api';

/** One provider's caseload; a support staff member linked to a provider sees their own first. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const district = me.district!;
  const [search, setSearch] = useSearchParams();
  const providers = useProviders(district.id);
  const list = providers.data?.items ?? [];
  const own = list.find((p) => p.userId === me.user.id);
  const providerId = search.get('provider') ?? own?.id ?? list[0]?.id ?? '';
  const provider = list.find((p) => p.id === providerId);
  const referrals = useReferrals(district.id, {
    ...pageFromSearch(search, PAGE_SIZE_DEFAULT),
    ...(providerId && { providerId }),
  });
  const choose = (v: string) => {
    const next = new URLSearchParams(search);
    next.set('provider', v);
    next.delete('page');
    setSearch(next);
  };

  return (
    <section className="usa-section">
      <PageTitle>{t('referrals.caseloadTitle')}</PageTitle>
      <p className="usa-intro">{t('referrals.caseloadIntro')}</p>
      <ReferralLinks />
      <QueryView
        query={providers}
        loadingLabel={t('referrals.loading')}
        errorHeading={t('referrals.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          <Alert type="info" heading={t('referrals.noProvidersHeading')}>
            {t('referrals.noProvidersCaseload')}
          </Alert>
        }
      >
        {() => (
          <>
            <div className="grid-row">
              <div className="grid-col-12 tablet:grid-col-6">
                <SelectField
                  id="caseload-provider"
                  label={t('referrals.provider')}
                  value={providerId}
                  onChange={choose}
                  options={list.map((p) => ({
                    value: p.id,
                    label: t('referrals.providerOption', { name: p.name, open: p.openReferrals }),
                  }))}
                />
              </div>
            </div>
            {provider && <p>{t('referrals.openCount', { name: provider.name, count: provider.openReferrals })}</p>}
            {providerId && (
              <QueryView
                query={referrals}
                loadingLabel={t('referrals.loading')}
                errorHeading={t('referrals.loadError')}
                isEmpty={(p) => p.items.length === 0}
                empty={
                  referrals.data?.total ? (
                    <PageOutOfRange />
                  ) : (
                    <Alert type="info" heading={t('referrals.caseloadEmptyHeading')}>
                      {t('referrals.caseloadEmpty')}
                    </Alert>
                  )
                }
              >
                {(p) => (
                  <>
                    <ReferralTable
                      referrals={p.items}
                      caption={t('referrals.caseloadCaption', {
                        name: provider?.name ?? '',
                        from: p.offset + 1,
                        to: p.offset + p.items.length,
                        total: p.total,
                      })}
                    />
                    <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('referrals.pagerLabel')} />
                  </>
                )}
              </QueryView>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
