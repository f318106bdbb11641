import { useTranslation } from 'react-i18next';
import type { RoleDrift } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatNumber } from '../../components/format';
import { dimensionLabel, rowLabel } from '../transparency/labels';

/**
 * "Help or police" on the role-drift dashboard (issue 15 item 3): students referred to support
 * services next to students referred to law enforcement, per 1,000 enrolled, by group.
 */
export function HelpOrPolice({ groups }: { groups: RoleDrift['referralsByGroup'] }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const rate = (v: number | null) => (v === null ? t('referrals.help.noEnrollment') : n(v));
  const label = (key: string) => {
    const [dimension, value] = key.split(':') as [string, string];
    const row = { key: value, dimension, label: null } as unknown as Parameters<typeof rowLabel>[1];
    const name = rowLabel('students_referred', row, t);
    return dimension === 'all' ? name : `${dimensionLabel(dimension, t)}: ${name}`;
  };
  return (
    <section aria-labelledby="drift-help-heading" className="margin-y-3">
      <h2 id="drift-help-heading">{t('referrals.help.heading')}</h2>
      <p>{t('referrals.help.intro')}</p>
      {groups.length === 0 || groups.every((g) => g.enrolled === 0 && g.support + g.lawEnforcement === 0) ? (
        <p>{t('referrals.help.empty')}</p>
      ) : (
        <DataTable captionId="drift-help-caption" caption={t('referrals.help.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('referrals.help.group')}</th>
              <th scope="col">{t('referrals.help.enrolled')}</th>
              <th scope="col">{t('referrals.help.support')}</th>
              <th scope="col">{t('referrals.help.supportRate')}</th>
              <th scope="col">{t('referrals.help.police')}</th>
              <th scope="col">{t('referrals.help.policeRate')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">{label(g.key)}</th>
                <td>{n(g.enrolled)}</td>
                <td>{n(g.support)}</td>
                <td>{rate(g.supportPer1000)}</td>
                <td>{n(g.lawEnforcement)}</td>
                <td>{rate(g.lawEnforcementPer1000)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </section>
  );
}
