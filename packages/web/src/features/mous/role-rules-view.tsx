import { useTranslation } from 'react-i18next';
import { BEHAVIOR_KEYS, type RoleRules } from '@forefront/contract';

/**
 * The role rules in plain words, read-only. No react-uswds here: the public district page uses it
 * too, and its chunk stays small.
 */
export function RoleRulesView({ rules, idPrefix }: { rules: RoleRules; idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div
        className="usa-table-container--scrollable"
        tabIndex={0}
        role="region"
        aria-labelledby={`${idPrefix}-categories-caption`}
      >
        <table className="usa-table usa-table--borderless usa-table--striped width-full">
          <caption id={`${idPrefix}-categories-caption`}>{t('mous.rules.categoriesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mous.rules.behavior')}</th>
              <th scope="col">{t('mous.rules.handler')}</th>
              <th scope="col">{t('mous.rules.review')}</th>
            </tr>
          </thead>
          <tbody>
            {BEHAVIOR_KEYS.map((b) => (
              <tr key={b}>
                <th scope="row">{t(`incidents.behaviors.${b}`)}</th>
                <td>{t(`mous.handlers.${rules.categories[b].handler}`)}</td>
                <td>
                  {rules.categories[b].reviewBeforeArrestOrReferral
                    ? t('mous.rules.reviewRequired')
                    : t('mous.rules.reviewNotRequired')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="site-facts margin-top-3">
        <dt>{t('mous.rules.searches')}</dt>
        <dd>{t(`mous.permissions.${rules.searches}`)}</dd>
        <dt>{t('mous.rules.questioning')}</dt>
        <dd>
          {rules.questioningRequiresParentNotice ? t('mous.rules.parentNoticeFirst') : t('mous.rules.noParentNotice')}
        </dd>
        <dt>{t('referrals.rules.routineDiscipline')}</dt>
        <dd>
          {rules.routineDisciplineExcluded ? t('referrals.rules.routineExcluded') : t('referrals.rules.routineAllowed')}
        </dd>
        <dt>{t('referrals.rules.staffReferrals')}</dt>
        <dd>
          {rules.flagStaffReferrals
            ? t('referrals.rules.flagStaffReferrals')
            : t('referrals.rules.noFlagStaffReferrals')}
        </dd>
        <dt>{t('mous.rules.physicalRestraint')}</dt>
        <dd>{t(`mous.permissions.${rules.physicalRestraint}`)}</dd>
        <dt>{t('mous.rules.mechanicalRestraint')}</dt>
        <dd>{t(`mous.permissions.${rules.mechanicalRestraint}`)}</dd>
        <dt>{t('mous.rules.useOfForce')}</dt>
        <dd>{t(`mous.permissions.${rules.useOfForce}`)}</dd>
        <dt>{t('mous.rules.informationSharing')}</dt>
        <dd>{t(`mous.sharing.${rules.informationSharing}`)}</dd>
      </dl>
    </>
  );
}
