import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZE_MAX } from '@forefront/contract';
import { Loading } from '../../components/loading';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { draftOf, newDraft } from './incident-draft';
import { IncidentForm } from './incident-form';
import { useIncident, useOfficerChoices } from './incidents.api';

const ALL = { limit: PAGE_SIZE_MAX, offset: 0 };

/**
 * Who can be named as the officer: an SRO logs their own activity (and cannot list people);
 * administrators pick among the district's officers.
 */
function useOfficers(districtId: string) {
  const me = useCurrentMe();
  const can = useCan();
  const mayList = me.user.role !== 'sro' && can('user.list');
  const officers = useOfficerChoices(districtId, mayList);
  if (!mayList) return { officers: null, isPending: false };
  return { officers: officers.data ?? [], isPending: officers.isPending };
}

export function NewIncidentPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const district = me.district!;
  const schools = useSchools(district.id, ALL);
  const { officers, isPending } = useOfficers(district.id);
  const selfOfficer = me.user.role === 'sro' ? me.user.id : null;
  return (
    <section className="usa-section">
      <PageTitle>{t('incidents.form.newTitle')}</PageTitle>
      <p className="usa-intro">{t('incidents.form.intro')}</p>
      <QueryView query={schools} loadingLabel={t('incidents.form.loading')}>
        {(page) =>
          isPending ? (
            <Loading />
          ) : (
            <IncidentForm
              districtId={district.id}
              incident={null}
              initial={newDraft({
                schoolId:
                  me.user.schoolIds.find((id) => page.items.some((s) => s.id === id)) ??
                  (page.items.length === 1 ? page.items[0]!.id : ''),
                officerId: selfOfficer,
              })}
              schools={page.items}
              officers={officers}
              selfName={me.user.displayName}
            />
          )
        }
      </QueryView>
    </section>
  );
}

export function EditIncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useCurrentMe();
  const district = me.district!;
  const incident = useIncident(id);
  const schools = useSchools(district.id, ALL);
  const { officers, isPending } = useOfficers(district.id);
  return (
    <section className="usa-section">
      <PageTitle documentTitle={t('incidents.form.editTitle', { number: incident.data?.number ?? '' })}>
        {t('incidents.form.editTitle', { number: incident.data?.number ?? '' })}
      </PageTitle>
      <p>
        <Link to={`/app/incidents/${encodeURIComponent(id)}`}>{t('incidents.detail.backToIncident')}</Link>
      </p>
      <QueryView query={incident} loadingLabel={t('incidents.detail.loading')}>
        {(detail) => (
          <QueryView query={schools}>
            {(page) =>
              isPending ? (
                <Loading />
              ) : (
                <>
                  {detail.state !== 'draft' && <p className="usa-hint">{t('incidents.form.editKeepsHistory')}</p>}
                  <IncidentForm
                    districtId={district.id}
                    incident={detail}
                    initial={draftOf(detail)}
                    schools={page.items}
                    officers={officers}
                    selfName={me.user.displayName}
                  />
                </>
              )
            }
          </QueryView>
        )}
      </QueryView>
    </section>
  );
}
