import { useTranslation } from 'react-i18next';
import {
  BEHAVIOR_KEYS,
  HANDLERS,
  INFORMATION_SHARING,
  PERMISSIONS,
  type Permission,
  type RoleRules,
} from '@forefront/contract';
import { SelectField } from '../../components/form-fields';

/**
 * The role rules as a form: every behavior category with who handles it and whether an
 * administrator reviews before an arrest or referral, then searches, questioning, restraint, force
 * and information sharing. On a phone the table scrolls sideways inside its own region.
 */
export function RoleRulesEditor({ rules, onChange }: { rules: RoleRules; onChange: (rules: RoleRules) => void }) {
  const { t } = useTranslation();
  const setCategory = (b: (typeof BEHAVIOR_KEYS)[number], patch: Partial<RoleRules['categories'][typeof b]>) =>
    onChange({ ...rules, categories: { ...rules.categories, [b]: { ...rules.categories[b], ...patch } } });
  const permissionOptions = PERMISSIONS.map((p) => ({ value: p, label: t(`mous.permissions.${p}`) }));
  const permission = (key: 'searches' | 'physicalRestraint' | 'mechanicalRestraint' | 'useOfForce', label: string) => (
    <SelectField
      id={`rule-${key}`}
      label={label}
      value={rules[key]}
      onChange={(v) => onChange({ ...rules, [key]: v as Permission })}
      options={permissionOptions}
    />
  );
  return (
    <>
      <div
        className="usa-table-container--scrollable"
        tabIndex={0}
        role="region"
        aria-labelledby="rules-editor-caption"
      >
        <table className="usa-table usa-table--borderless usa-table--striped width-full">
          <caption id="rules-editor-caption">{t('mous.rules.categoriesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mous.rules.behavior')}</th>
              <th scope="col">{t('mous.rules.handler')}</th>
              <th scope="col">{t('mous.rules.reviewShort')}</th>
            </tr>
          </thead>
          <tbody>
            {BEHAVIOR_KEYS.map((b) => {
              const label = t(`incidents.behaviors.${b}`);
              return (
                <tr key={b}>
                  <th scope="row" id={`rule-row-${b}`}>
                    {label}
                  </th>
                  <td>
                    <select
                      className="usa-select margin-top-0"
                      aria-label={t('mous.rules.handlerFor', { behavior: label })}
                      value={rules.categories[b].handler}
                      onChange={(e) => setCategory(b, { handler: e.target.value as (typeof HANDLERS)[number] })}
                    >
                      {HANDLERS.map((h) => (
                        <option key={h} value={h}>
                          {t(`mous.handlers.${h}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <div className="usa-checkbox bg-transparent">
                      <input
                        className="usa-checkbox__input"
                        id={`rule-review-${b}`}
                        type="checkbox"
                        checked={rules.categories[b].reviewBeforeArrestOrReferral}
                        onChange={(e) => setCategory(b, { reviewBeforeArrestOrReferral: e.target.checked })}
                      />
                      <label className="usa-checkbox__label margin-top-0" htmlFor={`rule-review-${b}`}>
                        <span className="usa-sr-only">{t('mous.rules.reviewFor', { behavior: label })}</span>
                        <span aria-hidden="true">{t('mous.rules.reviewYes')}</span>
                      </label>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {permission('searches', t('mous.rules.searches'))}
      <SelectField
        id="rule-questioning"
        label={t('mous.rules.questioning')}
        value={rules.questioningRequiresParentNotice ? 'notice' : 'none'}
        onChange={(v) => onChange({ ...rules, questioningRequiresParentNotice: v === 'notice' })}
        options={[
          { value: 'notice', label: t('mous.rules.parentNoticeFirst') },
          { value: 'none', label: t('mous.rules.noParentNotice') },
        ]}
      />
      <SelectField
        id="rule-routine"
        label={t('referrals.rules.routineDiscipline')}
        value={rules.routineDisciplineExcluded ? 'excluded' : 'allowed'}
        onChange={(v) => onChange({ ...rules, routineDisciplineExcluded: v === 'excluded' })}
        options={[
          { value: 'excluded', label: t('referrals.rules.routineExcluded') },
          { value: 'allowed', label: t('referrals.rules.routineAllowed') },
        ]}
      />
      <SelectField
        id="rule-staff-referrals"
        label={t('referrals.rules.staffReferrals')}
        hint={t('referrals.rules.staffReferralsHint')}
        value={rules.flagStaffReferrals ? 'flag' : 'none'}
        onChange={(v) => onChange({ ...rules, flagStaffReferrals: v === 'flag' })}
        options={[
          { value: 'flag', label: t('referrals.rules.flagStaffReferrals') },
          { value: 'none', label: t('referrals.rules.noFlagStaffReferrals') },
        ]}
      />
      {permission('physicalRestraint', t('mous.rules.physicalRestraint'))}
      {permission('mechanicalRestraint', t('mous.rules.mechanicalRestraint'))}
      {permission('useOfForce', t('mous.rules.useOfForce'))}
      <SelectField
        id="rule-sharing"
        label={t('mous.rules.informationSharing')}
        value={rules.informationSharing}
        onChange={(v) => onChange({ ...rules, informationSharing: v as RoleRules['informationSharing'] })}
        options={INFORMATION_SHARING.map((s) => ({ value: s, label: t(`mous.sharing.${s}`) }))}
      />
    </>
  );
}
