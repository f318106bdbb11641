import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { SiteLayout } from '../../components/site-layout';
import type { NavItem } from '../../components/site-header';
import { useSignOut } from '../auth/auth.api';
import { useCan, useCurrentMe } from './me-context';

/** Navigation follows `allowedActions`: people see the sections they can use, no more. */
export function useStaffNav(): NavItem[] {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentMe();
  const hasDistrict = me.district !== null;
  const records = t('nav.recordsGroup');
  const training = t('nav.trainingGroup');
  const threat = t('nav.threatGroup');
  const items: (NavItem | false)[] = [
    { to: '/app', label: t('nav.dashboard'), end: true },
    hasDistrict &&
      can('school.list') && {
        to: '/app/schools',
        label: t('nav.schools'),
        description: t('dashboard.describeSchools'),
      },
    hasDistrict &&
      can('incident.list') && {
        to: '/app/incidents',
        label: t('incidents.nav'),
        description: t('incidents.navDescription'),
      },
    hasDistrict &&
      can('incident.import') && {
        to: '/app/incidents/import',
        group: records,
        label: t('incidentImport.nav'),
        description: t('incidentImport.navDescription'),
      },
    hasDistrict &&
      can('drift.read') && { to: '/app/role-drift', label: t('drift.nav'), description: t('drift.navDescription') },
    hasDistrict &&
      can('student.list') && {
        to: '/app/students',
        label: t('students.nav'),
        description: t('students.navDescription'),
      },
    hasDistrict && can('mou.list') && { to: '/app/mous', label: t('mous.nav'), description: t('mous.navDescription') },
    // Officers and training (issue 14): the roster and compliance first, then the records, the
    // standard and the catalog, then officers' time.
    hasDistrict &&
      can('officer.list') && {
        to: '/app/officers',
        group: training,
        label: t('officers.nav'),
        description: t('officers.navDescription'),
      },
    hasDistrict &&
      can('compliance.read') && {
        to: '/app/training/compliance',
        group: training,
        label: t('compliance.nav'),
        description: t('compliance.navDescription'),
      },
    hasDistrict &&
      can('training.approve') && {
        to: '/app/training/records',
        group: training,
        label: t('trainingRecords.nav.queue'),
        description: t('trainingRecords.nav.queueDescription'),
      },
    hasDistrict &&
      can('training.import') && {
        to: '/app/training/import',
        group: training,
        label: t('trainingRecords.nav.import'),
        description: t('trainingRecords.nav.importDescription'),
      },
    hasDistrict &&
      can('officer.list') && {
        to: '/app/training/exceptions',
        group: training,
        label: t('officers.exceptionsNav'),
        description: t('officers.exceptionsNavDescription'),
      },
    hasDistrict &&
      can('training.read') && {
        to: '/app/training/standard',
        group: training,
        label: t('trainingStandard.nav'),
        description: t('trainingStandard.navDescription'),
      },
    hasDistrict &&
      can('training.read') && {
        to: '/app/training/courses',
        group: training,
        label: t('trainingStandard.coursesNav'),
        description: t('trainingStandard.coursesNavDescription'),
      },
    // An officer's own training: only an SRO has a roster entry.
    hasDistrict &&
      me.user.role === 'sro' && {
        to: '/app/my-officer',
        group: training,
        label: t('officers.myNav'),
        description: t('officers.myNavDescription'),
      },
    hasDistrict &&
      me.user.role === 'sro' && {
        to: '/app/my-training',
        group: training,
        label: t('trainingRecords.nav.mine'),
        description: t('trainingRecords.nav.mineDescription'),
      },
    hasDistrict &&
      can('activity.list') && {
        to: '/app/activities',
        group: training,
        label: t('activities.nav'),
        description: t('activities.navDescription'),
      },
    // Threat assessment (issue 15): the cases (or their counts), the report form, referrals to
    // support services, teams, the equity audit, settings.
    hasDistrict &&
      (can('case.list') || can('case.counts')) && {
        to: '/app/threat/cases',
        group: threat,
        label: t('threat.nav.cases'),
        description: t('threat.nav.casesDescription'),
      },
    hasDistrict &&
      can('case.report') && {
        to: '/app/threat/report',
        group: threat,
        label: t('threat.nav.report'),
        description: t('threat.nav.reportDescription'),
      },
    hasDistrict &&
      can('referral.list') && {
        to: '/app/referrals',
        group: threat,
        label: t('nav.referrals'),
        description: t('referrals.navDescription'),
      },
    hasDistrict &&
      can('team.list') && {
        to: '/app/threat/teams',
        group: threat,
        label: t('threat.nav.teams'),
        description: t('threat.nav.teamsDescription'),
      },
    hasDistrict &&
      can('equity.read') && {
        to: '/app/equity',
        group: threat,
        label: t('nav.equity'),
        description: t('equity.navDescription'),
      },
    hasDistrict &&
      can('threat.settings') && {
        to: '/app/threat/settings',
        group: threat,
        label: t('threat.nav.settings'),
        description: t('threat.nav.settingsDescription'),
      },
    hasDistrict &&
      can('user.list') && { to: '/app/people', label: t('nav.people'), description: t('dashboard.describePeople') },
    hasDistrict &&
      can('transparency.publish') && {
        to: '/app/publish',
        group: records,
        label: t('publish.nav'),
        description: t('publish.navDescription'),
      },
    hasDistrict &&
      can('audit.list') && {
        to: '/app/audit',
        label: t('nav.audit'),
        description: t('dashboard.describeAudit'),
        group: records,
      },
    hasDistrict &&
      can('job.list') && {
        to: '/app/jobs',
        label: t('jobsPage.nav'),
        description: t('jobsPage.navDescription'),
        group: records,
      },
    hasDistrict &&
      can('audit.list') && {
        to: '/app/disclosures',
        group: records,
        label: t('disclosureLog.nav'),
        description: t('disclosureLog.navDescription'),
      },
    hasDistrict &&
      can('incident.export') && {
        to: '/app/exports',
        group: records,
        label: t('exports.nav'),
        description: t('exports.navDescription'),
      },
    hasDistrict &&
      can('district.update') && {
        to: '/app/settings/district',
        label: t('nav.districtSettings'),
        description: t('dashboard.describeSettings'),
      },
    // CRDC files: the district administrator for the district's state, the state viewer for theirs.
    ((hasDistrict && can('crdc.import')) || can('crdc.import.state')) && {
      to: '/app/crdc',
      group: records,
      label: t('crdcFiles.nav'),
      description: t('crdcFiles.navDescription'),
    },
    can('state.district.list') && {
      to: '/app/state',
      label: t('nav.stateDistricts'),
      description: t('dashboard.describeState'),
    },
  ];
  return items.filter((i): i is NavItem => i !== false);
}

export function StaffLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const secondary = (
    <div className="site-account">
      <p className="site-account__who">
        <span className="text-bold">{me.user.displayName}</span>{' '}
        <span className="site-account__role">{t(`roles.${me.user.role}`)}</span>
      </p>
      <Button
        type="button"
        unstyled
        className="site-account__sign-out"
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
      >
        {t('nav.signOut')}
      </Button>
    </div>
  );
  return (
    <SiteLayout homeTo="/app" navItems={useStaffNav()} secondary={secondary} isSignedIn>
      {children}
    </SiteLayout>
  );
}
