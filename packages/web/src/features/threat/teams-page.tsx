import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import type { Team } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField, TextField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useSchools } from '../schools/schools.api';
import { useCan, useCurrentMe } from '../staff/me-context';
import { MembersEditor } from './members-editor';
import { MissingRoles } from './missing-roles';
import { useCreateTeam, useTeams } from './threat.api';

/** Threat assessment teams per school and the district's team (issue 15 item 1). */
export function TeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const teams = useTeams(district.id);
  return (
    <section className="usa-section">
      <PageTitle>{t('threat.teams.title')}</PageTitle>
      <p className="usa-intro">{t('threat.teams.intro')}</p>
      <QueryView
        query={teams}
        loadingLabel={t('threat.teams.loading')}
        errorHeading={t('threat.loadError')}
        isEmpty={(l) => l.items.length === 0}
        empty={
          <Alert type="info" heading={t('threat.teams.emptyHeading')}>
            {can('team.write') ? t('threat.teams.emptyAdd') : t('threat.teams.emptyAsk')}
          </Alert>
        }
      >
        {(l) => (
          <ul className="usa-list usa-list--unstyled">
            {l.items.map((team) => (
              <li key={team.id}>
                <TeamCard team={team} canWrite={can('team.write')} />
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      {can('team.write') && <AddTeamForm districtId={district.id} teams={teams.data?.items ?? []} />}
    </section>
  );
}

function TeamCard({ team, canWrite }: { team: Team; canWrite: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const headingId = `team-${team.id}`;
  return (
    <article className="border-1px border-base-lighter radius-md padding-2 margin-bottom-3" aria-labelledby={headingId}>
      <h2 id={headingId} className="margin-top-0">
        {team.name}
      </h2>
      <p className="text-base-dark margin-top-0">
        {team.schoolName ?? t('threat.teams.districtTeam')} · {t('threat.teams.openCases', { count: team.openCases })}
      </p>
      <MissingRoles roles={team.missingRoles} />
      {team.members.length === 0 ? (
        <p>{canWrite ? t('threat.teams.noMembersAdd') : t('threat.teams.noMembers')}</p>
      ) : (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t('threat.teams.membersOf', { team: team.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('threat.teams.member')}</th>
              <th scope="col">{t('threat.teams.teamRole')}</th>
              <th scope="col">{t('threat.teams.account')}</th>
            </tr>
          </thead>
          <tbody>
            {team.members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.displayName}</th>
                <td>{t(`threat.teamRoles.${m.teamRole}`)}</td>
                <td>{t(`roles.${m.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite &&
        (editing ? (
          <MembersEditor team={team} onDone={() => setEditing(false)} />
        ) : (
          <Button type="button" outline onClick={() => setEditing(true)}>
            {t('threat.teams.editMembers', { team: team.name })}
          </Button>
        ))}
    </article>
  );
}

const DISTRICT = 'district';

function AddTeamForm({ districtId, teams }: { districtId: string; teams: Team[] }) {
  const { t } = useTranslation();
  const schools = useSchools(districtId, { limit: 200, offset: 0 });
  const create = useCreateTeam(districtId);
  const [where, setWhere] = useState('');
  const [name, setName] = useState('');
  const taken = new Set(teams.map((team) => team.schoolId ?? DISTRICT));
  const options = [
    ...(taken.has(DISTRICT) ? [] : [{ value: DISTRICT, label: t('threat.teams.districtTeam') }]),
    ...(schools.data?.items ?? []).filter((s) => !taken.has(s.id)).map((s) => ({ value: s.id, label: s.name })),
  ];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { schoolId: where === DISTRICT ? null : where, name },
      {
        onSuccess: () => {
          setWhere('');
          setName('');
        },
      },
    );
  };
  return (
    <form className="usa-form usa-form--large margin-top-4" onSubmit={onSubmit} aria-labelledby="add-team-heading">
      <h2 id="add-team-heading">{t('threat.teams.addHeading')}</h2>
      {options.length === 0 && schools.isSuccess ? (
        <p>{t('threat.teams.allHaveTeams')}</p>
      ) : (
        <>
          {create.isError && <ApiErrorAlert error={create.error} shownFields={['name']} />}
          {create.isSuccess && <Alert type="success" heading={t('threat.teams.added')} live slim />}
          <SelectField
            id="team-where"
            label={t('threat.teams.where')}
            value={where}
            onChange={setWhere}
            placeholder={t('threat.teams.chooseWhere')}
            options={options}
          />
          <TextField
            id="team-name"
            label={t('threat.teams.name')}
            hint={t('threat.teams.nameHint')}
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={issueOf(create.error, 'name')}
          />
          <Button type="submit" disabled={create.isPending}>
            {t('threat.teams.add')}
          </Button>
        </>
      )}
    </form>
  );
}
