import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@trussworks/react-uswds';
import { TEAM_ROLES, type Team, type TeamRole } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { useSetTeamMembers, useTeamCandidates } from './threat.api';

interface Draft {
  userId: string;
  displayName: string;
  teamRole: TeamRole;
}

/** Edits a team's members: the whole list is saved at once (PUT), each with a team role. */
export function MembersEditor({ team, onDone }: { team: Team; onDone: () => void }) {
  const { t } = useTranslation();
  const candidates = useTeamCandidates(team.districtId, true);
  const save = useSetTeamMembers(team.districtId, team.id);
  const [members, setMembers] = useState<Draft[]>(
    team.members.map((m) => ({ userId: m.userId, displayName: m.displayName, teamRole: m.teamRole })),
  );
  const [adding, setAdding] = useState('');
  const chosen = new Set(members.map((m) => m.userId));
  // A school's team draws on the school's staff first; district-wide accounts (no school) fit any team.
  const pool = (candidates.data?.items ?? []).filter(
    (c) =>
      !chosen.has(c.id) && (team.schoolId === null || c.schoolIds.length === 0 || c.schoolIds.includes(team.schoolId)),
  );
  const roleOptions = TEAM_ROLES.map((r) => ({ value: r, label: t(`threat.teamRoles.${r}`) }));

  const add = () => {
    const c = pool.find((p) => p.id === adding);
    if (!c) return;
    // A guess the coordinator can change: counselors and psychologists are support staff, an SRO is law enforcement.
    const guess: TeamRole =
      c.role === 'sro'
        ? 'law_enforcement'
        : c.role === 'support_staff'
          ? 'mental_health'
          : c.role === 'school_admin' || c.role === 'district_admin'
            ? 'administrator'
            : 'other';
    setMembers([...members, { userId: c.id, displayName: c.displayName, teamRole: guess }]);
    setAdding('');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ members: members.map(({ userId, teamRole }) => ({ userId, teamRole })) }, { onSuccess: onDone });
  };

  return (
    <form
      className="usa-form usa-form--large"
      onSubmit={onSubmit}
      aria-label={t('threat.teams.editMembers', { team: team.name })}
    >
      {save.isError && <ApiErrorAlert error={save.error} />}
      {members.length === 0 && <p>{t('threat.teams.noMembersAdd')}</p>}
      <ul className="usa-list usa-list--unstyled">
        {members.map((m) => (
          <li key={m.userId} className="grid-row grid-gap flex-align-end">
            <div className="grid-col-fill">
              <SelectField
                id={`team-${team.id}-role-${m.userId}`}
                label={t('threat.teams.roleOf', { name: m.displayName })}
                value={m.teamRole}
                onChange={(v) =>
                  setMembers(members.map((x) => (x.userId === m.userId ? { ...x, teamRole: v as TeamRole } : x)))
                }
                options={roleOptions}
              />
            </div>
            <div className="grid-col-auto">
              <Button
                type="button"
                unstyled
                className="margin-bottom-1"
                onClick={() => setMembers(members.filter((x) => x.userId !== m.userId))}
              >
                {t('threat.teams.remove', { name: m.displayName })}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {candidates.isPending ? (
        <Loading />
      ) : candidates.isError ? (
        <ApiErrorAlert error={candidates.error} />
      ) : (
        <div className="grid-row grid-gap flex-align-end">
          <div className="grid-col-fill">
            <SelectField
              id={`team-${team.id}-candidate`}
              label={t('threat.teams.candidate')}
              hint={t('threat.teams.candidateHint')}
              isOptional
              value={adding}
              onChange={setAdding}
              placeholder={t('threat.teams.chooseCandidate')}
              options={pool.map((c) => ({ value: c.id, label: `${c.displayName} (${t(`roles.${c.role}`)})` }))}
            />
          </div>
          <div className="grid-col-auto">
            <Button type="button" outline className="margin-bottom-1" disabled={!adding} onClick={add}>
              {t('threat.teams.addMember')}
            </Button>
          </div>
        </div>
      )}
      <div className="margin-top-2">
        <Button type="submit" disabled={save.isPending}>
          {t('threat.teams.saveMembers')}
        </Button>
        <Button type="button" unstyled onClick={onDone}>
          {t('threat.cancel')}
        </Button>
      </div>
    </form>
  );
}
