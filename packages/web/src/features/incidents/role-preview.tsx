import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PublicMouSchema, clauseTitleFor, evaluateIncident, pickLang } from '@forefront/contract';
import { api } from '../../api/client';
import { toIso, type IncidentDraft } from './incident-draft';

/** The district's signed MOU in force today: a public document, so any signed-in officer may read it. */
function useMouInForce(districtId: string) {
  return useQuery({
    queryKey: ['public', 'districts', districtId, 'mou'],
    queryFn: ({ signal }) =>
      api.get(`/api/public/districts/${encodeURIComponent(districtId)}/mou`, PublicMouSchema, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * While the officer fills in the form, the same role-clarity engine the server runs checks the
 * draft against today's signed MOU, so a step outside it is visible before it is saved. The saved
 * incident is checked again on the server against the MOU in force on the incident's own date,
 * with the reviews recorded by then; that is the result that counts.
 */
export function RolePreview({ districtId, draft }: { districtId: string; draft: IncidentDraft }) {
  const { t, i18n } = useTranslation();
  const mou = useMouInForce(districtId);
  const rules = mou.data?.mou?.roleRules;
  const officer = draft.officerInvolved && draft.officerId !== '';
  if (!rules || (!officer && draft.outsideReferrals.length === 0))
    return <p className="usa-hint">{t('incidents.form.flagsAfterSave')}</p>;
  const occurredAt = toIso(draft.occurredAt);
  const flags = evaluateIncident(
    {
      behaviors: draft.behaviors,
      reviews: [],
      referrals: draft.outsideReferrals.map((r) => ({
        kind: r.kind,
        referredBy: r.referredBy || null,
        studentId: r.studentId,
        behavior: r.behavior || null,
      })),
      contacts: officer
        ? [
            {
              officerId: draft.officerId,
              purpose: draft.purpose || 'other',
              involvement: draft.involvement || 'assisted_on_request',
              actions: draft.actions.map((a) => ({
                action: a.action,
                studentId: a.studentId || null,
                at: a.at ? toIso(a.at) : occurredAt,
                emergency: a.emergency,
                emergencyReason: a.emergencyReason || null,
                parentNotified: a.parentNotified,
                behavior: a.behavior || null,
              })),
            },
          ]
        : [],
    },
    rules,
  );
  const titles = new Map(mou.data?.mou?.clauses.map((c) => [c.key, c.title]));
  const kinds = [...new Map(flags.map((f) => [f.kind, f])).values()];
  return (
    <section
      aria-labelledby="preview-heading"
      className={`usa-alert usa-alert--slim margin-y-3 ${kinds.length ? 'usa-alert--warning' : 'usa-alert--info'}`}
    >
      <div className="usa-alert__body" aria-live="polite">
        <h3 id="preview-heading" className="usa-alert__heading font-sans-sm">
          {kinds.length ? t('incidents.preview.heading') : t('incidents.preview.noneHeading')}
        </h3>
        {kinds.length > 0 && (
          <ul className="usa-alert__text">
            {kinds.map((f) => (
              <li key={f.kind}>
                {t(`incidents.flagKinds.${f.kind}`)}
                {f.clause && (
                  <span className="text-base-dark">
                    {' '}
                    —{' '}
                    {t('incidents.flags.clause', {
                      title: clauseTitleFor(f.clause, titles.get(f.clause), pickLang(i18n.language)),
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="usa-alert__text">{t('incidents.preview.note')}</p>
      </div>
    </section>
  );
}
