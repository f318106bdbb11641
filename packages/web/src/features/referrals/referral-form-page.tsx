import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import {
  PROVIDER_KINDS,
  type ProviderKind,
  type ReferralInput,
  ReferralInputSchema,
  type ReferralStudent,
  addDays,
  localDate,
} from '@forefront/contract';
import { issueOf } from '../../api/client';
import { useClientValidation } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, FieldError, SelectField, TextField, useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { useDebounced } from '../../components/use-debounced';
import { useCurrentMe } from '../staff/me-context';
import { useMakeReferral, useProviders, useReferralStudents } from './referrals.api';

/** "Make a referral": a student of the referrer's schools, the service, a provider if known, why, and when to follow up. */
export function ReferralFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const district = useCurrentMe().district!;
  const make = useMakeReferral(district.id);
  const providers = useProviders(district.id);
  const [student, setStudent] = useState<ReferralStudent | null>(null);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const found = useReferralStudents(district.id, query);
  const [kind, setKind] = useState<ProviderKind>('counselor');
  const [providerId, setProviderId] = useState('');
  const [reason, setReason] = useState('');
  // Two weeks from today on the district's calendar.
  const [followUpDueOn, setFollowUp] = useState(addDays(localDate(new Date(), district.timeZone), 14));
  const form = useRef<HTMLFormElement>(null);
  const { invalid, check } = useClientValidation();
  const error = invalid ?? make.error;
  useFocusFirstError(form, error);
  const active = (providers.data?.items ?? []).filter((p) => p.active);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      studentId: student?.id ?? '',
      schoolId: student?.schoolId ?? '',
      kind,
      providerId: providerId || null,
      reason,
      followUpDueOn,
    } satisfies ReferralInput;
    if (check(ReferralInputSchema, input))
      make.mutate(input, { onSuccess: (r) => void navigate(`/app/referrals/${r.id}`) });
  };
  const reasonError = issueOf(error, 'reason');

  return (
    <section className="usa-section">
      <p>
        <Link to="/app/referrals">{t('referrals.backToList')}</Link>
      </p>
      <PageTitle>{t('referrals.makeTitle')}</PageTitle>
      <p className="usa-intro">{t('referrals.makeIntro')}</p>
      <ApiErrorAlert error={error} shownFields={['studentId', 'kind', 'providerId', 'reason', 'followUpDueOn']} />
      <Form ref={form} onSubmit={submit} noValidate large>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('referrals.student')}</legend>
          {student ? (
            <p>
              <span className="text-bold">{student.name}</span> ({student.localId}){' '}
              <Button type="button" unstyled onClick={() => setStudent(null)}>
                {t('referrals.changeStudent')}
              </Button>
            </p>
          ) : (
            <>
              <TextField
                id="referral-student-search"
                type="search"
                label={t('referrals.findStudent')}
                hint={t('referrals.findStudentHint')}
                autoComplete="off"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                error={issueOf(error, 'studentId')}
              />
              <div aria-live="polite">
                {query.length >= 2 && found.isSuccess && found.data.items.length === 0 && (
                  <p className="text-base-dark">{t('referrals.noStudents')}</p>
                )}
                {query.length >= 2 && (found.data?.items.length ?? 0) > 0 && (
                  <ul className="usa-list usa-list--unstyled" aria-label={t('referrals.studentResults')}>
                    {found.data!.items.map((s) => (
                      <li key={s.id} className="margin-bottom-1">
                        <Button type="button" outline onClick={() => setStudent(s)}>
                          {t('referrals.chooseStudent', { name: s.name, localId: s.localId })}
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </>
          )}
        </fieldset>
        <SelectField
          id="referral-kind"
          label={t('referrals.kind')}
          value={kind}
          onChange={(v) => setKind(v as ProviderKind)}
          options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`referrals.services.${k}`) }))}
          error={issueOf(error, 'kind')}
        />
        <SelectField
          id="referral-provider"
          label={t('referrals.provider')}
          hint={active.length ? t('referrals.providerHint') : t('referrals.noProvidersHint')}
          isOptional
          value={providerId}
          onChange={setProviderId}
          placeholder={t('referrals.noProvider')}
          options={active.map((p) => ({ value: p.id, label: `${p.name} (${t(`referrals.services.${p.kind}`)})` }))}
          error={issueOf(error, 'providerId')}
        />
        <FormGroup error={!!reasonError}>
          <Label htmlFor="referral-reason" error={!!reasonError}>
            {t('referrals.reason')}
          </Label>
          <div className="usa-hint" id="referral-reason-hint">
            {t('referrals.reasonHint')}
          </div>
          {reasonError && <FieldError id="referral-reason-error">{reasonError}</FieldError>}
          <Textarea
            id="referral-reason"
            name="referral-reason"
            value={reason}
            maxLength={5000}
            required
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`referral-reason-hint${reasonError ? ' referral-reason-error' : ''}`}
            aria-invalid={reasonError ? true : undefined}
          />
        </FormGroup>
        <DateField
          id="referral-follow-up"
          label={t('referrals.followUpDueOn')}
          hint={t('referrals.followUpHint')}
          value={followUpDueOn}
          onChange={setFollowUp}
          error={issueOf(error, 'followUpDueOn')}
        />
        <Button type="submit" disabled={make.isPending}>
          {make.isPending ? t('common.saving') : t('referrals.makeButton')}
        </Button>
      </Form>
    </section>
  );
}
