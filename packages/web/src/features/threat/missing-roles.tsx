import { useTranslation } from 'react-i18next';
import type { TeamRole } from '@forefront/contract';
import { Alert } from '../../components/alert';

/** Names the roles a team lacks: it can work a case but cannot classify one until they are filled. */
export function MissingRoles({ roles }: { roles: readonly TeamRole[] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return null;
  const names = roles.map((r) => t(`threat.teamRoles.${r}`)).join(', ');
  return (
    <Alert type="warning" slim>
      {t('threat.teams.missingRoles', { count: roles.length, roles: names })}
    </Alert>
  );
}
