import { type FormEvent, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Form } from '@trussworks/react-uswds';
import { type Referral, type ReferralStatus, localDate } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, SelectField, useFocusFirstError } from '../../components/form-fields';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCan, useCurrentMe } from '../staff/me-context';
import { nextStatuses, timeline } from './referral-steps';
import { useMoveReferral, useProviders, useReferral } from './referrals.api';

/** One referral: who, why, to whom; its timeline; and the next step for those who may record it. */
export function ReferralDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const referral = useReferral(id!);
  return (
    <section className="usa-section">
      <p className="print:display-none">
        <Link to="/app/referrals">{t('referrals.backToList')}</Link>
      </p>
      <QueryView query={referral} loadingLabel={t('referrals.loading')} errorHeading={t('referrals.loadOneError')}>
        {(r) => <ReferralView referral={r} />}
      </QueryView>
    </section>
  );
}

function ReferralView({ referral: r }: { referral: Referral }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { timeZone } = useCurrentMe().district!;
  const rows: [string, string][] = [
    [t('referrals.school'), r.schoolName],
    [t('referrals.kind'), t(`referrals.services.${r.kind}`)],
    [t('referrals.provider'), r.providerName ?? t('referrals.noProvider')],
    [t('referrals.source'), t(`referrals.sources.${r.source}`)],
    [t('referrals.madeBy'), r.madeBy ?? t('referrals.unknownPerson')],
    [t('referrals.followUpDueOn'), formatDate(r.followUpDueOn, i18n.language)],
  ];
  return (
    <>
      <PageTitle documentTitle={t('referrals.detailTitle', { name: r.studentName })}>
        {t('referrals.detailTitle', { name: r.studentName })}
      </PageTitle>
      <p>
        <span className="usa-tag">{t(`referrals.statuses.${r.status}`)}</span>
        {r.overdue && <span className="usa-tag bg-secondary-dark margin-left-1">{t('referrals.overdue')}</span>}
      </p>
      {r.overdue && (
        <Alert type="warning" heading={t('referrals.overdueHeading')}>
          {t('referrals.overdueText', { date: formatDate(r.followUpDueOn, i18n.language) })}
        </Alert>
      )}
      <dl className="referral-facts">
        {rows.map(([k, v]) => (
          <div key={k} className="margin-bottom-1">
            <dt className="text-bold">{k}</dt>
            <dd className="margin-left-0">{v}</dd>
          </div>
        ))}
        {r.incidentId && (
          <div className="margin-bottom-1">
            <dt className="text-bold">{t('referrals.incident')}</dt>
            <dd className="margin-left-0">
              <Link to={`/app/incidents/${r.incidentId}`}>{t('referrals.openIncident')}</Link>
            </dd>
          </div>
        )}
      </dl>
      <h2>{t('referrals.reason')}</h2>
      <p className="measure-5" style={{ whiteSpace: 'pre-wrap' }}>
        {r.reason}
      </p>
      <h2>{t('referrals.timeline')}</h2>
      <ol className="usa-process-list">
        {timeline(r).map((s) => (
          <li key={s.status} className="usa-process-list__item">
            <p className="usa-process-list__heading">{t(`referrals.statuses.${s.status}`)}</p>
            <p className="margin-top-05">{formatDate(s.on, i18n.language, timeZone)}</p>
          </li>
        ))}
      </ol>
      {can('referral.write') && <MoveForm referral={r} />}
      <Button type="button" outline className="print:display-none" onClick={() => window.print()}>
        {t('referrals.print')}
      </Button>
    </>
  );
}

function MoveForm({ referral: r }: { referral: Referral }) {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const move = useMoveReferral(district.id, r.id);
  const options = nextStatuses(r.status);
  const [status, setStatus] = useState<ReferralStatus>(options[0]!);
  // Today on the district's calendar: the server refuses a date after it.
  const [on, setOn] = useState(localDate(new Date(), district.timeZone));
  const providers = useProviders(district.id);
  const [providerId, setProviderId] = useState(r.providerId ?? '');
  const active = (providers.data?.items ?? []).filter((p) => p.active || p.id === r.providerId);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, move.error);
  const done = (
    <Alert type="success" heading={t('referrals.moved')} live slim>
      {move.isSuccess && t('referrals.movedText', { status: t(`referrals.statuses.${move.data.status}`) })}
    </Alert>
  );
  // A final status has no next step; the confirmation of the step that made it final stays.
  if (options.length === 0) return move.isSuccess ? done : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate(
      { status, on, version: r.version, providerId: providerId || null },
      { onSuccess: (next) => setStatus(nextStatuses(next.status)[0] ?? status) },
    );
  };
  return (
    <section aria-labelledby="move-heading" className="margin-y-4 print:display-none">
      <h2 id="move-heading">{t('referrals.moveHeading')}</h2>
      <p>{t('referrals.moveIntro')}</p>
      <ApiErrorAlert error={move.error} shownFields={['status', 'on', 'providerId']} />
      {move.isSuccess && done}
      <Form ref={form} onSubmit={submit} noValidate>
        <SelectField
          id="referral-next-status"
          label={t('referrals.nextStatus')}
          value={status}
          onChange={(v) => setStatus(v as ReferralStatus)}
          options={options.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))}
          error={issueOf(move.error, 'status')}
        />
        <DateField
          id="referral-status-on"
          label={t('referrals.statusOn')}
          hint={t('referrals.statusOnHint')}
          value={on}
          onChange={setOn}
          error={issueOf(move.error, 'on')}
        />
        <SelectField
          id="referral-status-provider"
          label={t('referrals.provider')}
          hint={t('referrals.moveProviderHint')}
          isOptional
          value={providerId}
          onChange={setProviderId}
          placeholder={t('referrals.noProvider')}
          options={active.map((p) => ({ value: p.id, label: `${p.name} (${t(`referrals.services.${p.kind}`)})` }))}
          error={issueOf(move.error, 'providerId')}
        />
        <Button type="submit" disabled={move.isPending}>
          {move.isPending ? t('common.saving') : t('referrals.moveButton')}
        </Button>
      </Form>
    </section>
  );
}
