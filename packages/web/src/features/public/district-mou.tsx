import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDate } from '../../components/format';
import { Loading } from '../../components/loading';
import { MouClausesView } from '../mous/mou-clauses-view';
import { RoleRulesView } from '../mous/role-rules-view';
import { SignatureHow } from '../mous/signature-how';
import { usePublicMou } from '../mous/mous.api';

/**
 * The signed MOU in force today, on the district's public page, in the reader's language: the page
 * says which language was signed (the authoritative text); clauses kept as the library wrote them
 * are shown in the library's translation, marked; the district's own words as signed.
 */
export function DistrictMou({ districtId, districtName }: { districtId: string; districtName: string }) {
  const { t, i18n } = useTranslation();
  const q = usePublicMou(districtId);
  if (q.isPending) return <Loading label={t('mous.public.loading')} />;
  if (q.isError) return <ApiErrorAlert error={q.error} />;
  const mou = q.data.mou;
  if (!mou) return <p>{t('mous.public.none')}</p>;
  const date = (d: string) => formatDate(d, i18n.language);
  return (
    <>
      <p className="usa-intro">
        {t('mous.public.intro', { title: mou.title, agency: mou.agencyName, version: mou.version })}
      </p>
      <dl className="site-facts">
        <dt>{t('mous.fields.effectiveDate')}</dt>
        <dd>{date(mou.effectiveDate)}</dd>
        <dt>{t('mous.fields.reviewDate')}</dt>
        <dd>{date(mou.reviewDate)}</dd>
        {mou.signatories.map((s) => (
          <div key={`${s.party}-${s.name}`} style={{ display: 'contents' }}>
            <dt>{t(`mous.parties.${s.party}`)}</dt>
            <dd>
              {t('mous.public.signedBy', { name: s.name, title: s.title, date: date(s.signedAt.slice(0, 10)) })}{' '}
              <SignatureHow sig={{ ...s, signedName: s.name }} />
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('mous.rulesHeading')}</h3>
      <p>{t('mous.public.rulesIntro')}</p>
      <RoleRulesView rules={mou.roleRules} idPrefix="public-mou-rules" />
      <h3>{t('mous.public.clausesHeading')}</h3>
      <MouClausesView
        clauses={mou.clauses}
        language={mou.language}
        names={{ district: districtName, agency: mou.agencyName }}
        collapsible
        idPrefix="public-clause"
      />
    </>
  );
}
