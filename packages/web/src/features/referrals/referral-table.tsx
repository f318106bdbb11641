import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Referral } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { formatDate } from '../../components/format';
import { useCurrentMe } from '../staff/me-context';

/** Referrals as rows: the student links to the referral; an overdue follow-up is marked in words, not colour alone. */
export function ReferralTable({ referrals, caption }: { referrals: Referral[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useCurrentMe().district?.timeZone;
  return (
    <DataTable captionId="referrals-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('referrals.student')}</th>
          <th scope="col">{t('referrals.school')}</th>
          <th scope="col">{t('referrals.kind')}</th>
          <th scope="col">{t('referrals.provider')}</th>
          <th scope="col">{t('referrals.status')}</th>
          <th scope="col">{t('referrals.followUpDueOn')}</th>
          <th scope="col">{t('referrals.madeAt')}</th>
        </tr>
      </thead>
      <tbody>
        {referrals.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <Link to={`/app/referrals/${r.id}`}>{r.studentName}</Link>
            </th>
            <td>{r.schoolName}</td>
            <td>{t(`referrals.services.${r.kind}`)}</td>
            <td>{r.providerName ?? t('referrals.noProvider')}</td>
            <td>
              {t(`referrals.statuses.${r.status}`)}
              {r.overdue && <span className="usa-tag bg-secondary-dark margin-left-1">{t('referrals.overdue')}</span>}
            </td>
            <td>{formatDate(r.followUpDueOn, i18n.language)}</td>
            <td>{formatDate(r.madeAt, i18n.language, timeZone)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
