import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import type { Provider } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { DataTable } from '../../components/data-table';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { ProviderForm } from './provider-form';
import { ReferralLinks } from './referrals-page';
import { useProviders } from './referrals.api';

/** The district's directory of counselors, social workers, psychologists and community providers. */
export function ProvidersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const providers = useProviders(district.id);
  const [editing, setEditing] = useState<Provider | null>(null);
  const writer = can('provider.write');

  return (
    <section className="usa-section">
      <PageTitle>{t('referrals.providersTitle')}</PageTitle>
      <p className="usa-intro">{t('referrals.providersIntro', { district: district.name })}</p>
      <ReferralLinks />
      <QueryView
        query={providers}
        loadingLabel={t('referrals.loading')}
        errorHeading={t('referrals.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          <Alert type="info" heading={t('referrals.noProvidersHeading')}>
            {writer ? t('referrals.noProvidersAdd') : t('referrals.noProvidersAsk')}
          </Alert>
        }
      >
        {(p) => (
          <DataTable captionId="providers-caption" caption={t('referrals.providersCaption', { count: p.items.length })}>
            <thead>
              <tr>
                <th scope="col">{t('referrals.providerName')}</th>
                <th scope="col">{t('referrals.kind')}</th>
                <th scope="col">{t('referrals.organization')}</th>
                <th scope="col">{t('referrals.contact')}</th>
                <th scope="col">{t('referrals.languages')}</th>
                <th scope="col">{t('referrals.openReferrals')}</th>
                <th scope="col">{t('referrals.activeLabel')}</th>
                {writer && <th scope="col">{t('referrals.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {p.items.map((x) => (
                <tr key={x.id}>
                  <th scope="row">{x.name}</th>
                  <td>{t(`referrals.services.${x.kind}`)}</td>
                  <td>{x.organization ?? '—'}</td>
                  <td>{[x.phone, x.email].filter(Boolean).join(' · ') || '—'}</td>
                  <td>{x.languages.map((l) => t(`referrals.languageNames.${l}`)).join(', ')}</td>
                  <td>{x.openReferrals}</td>
                  <td>{x.active ? t('common.yes') : t('common.no')}</td>
                  {writer && (
                    <td>
                      <Button type="button" unstyled onClick={() => setEditing(x)}>
                        {t('referrals.editProvider', { name: x.name })}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryView>
      {writer && (
        <ProviderForm
          key={editing?.id ?? 'new'}
          districtId={district.id}
          provider={editing}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}
