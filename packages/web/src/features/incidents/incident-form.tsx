import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { IncidentInputSchema, LOCATIONS, WEAPONS, type IncidentDetail } from '@forefront/contract';
import { ApiError, issueOf } from '../../api/client';
import { validateInput } from '../../api/validate';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SelectField, useFocusFirstError } from '../../components/form-fields';
import { ActionFields } from './action-fields';
import { BehaviorPicker } from './behavior-picker';
import { Checkbox, NativeField } from './choice-fields';
import { ContactFields } from './contact-fields';
import { allowedNibrs, extraProblems, toInput, type IncidentDraft } from './incident-draft';
import { useSaveIncident, useStaffChoices } from './incidents.api';
import { OutsideReferralFields } from './outside-referral-fields';
import { useCan, useCurrentMe } from '../staff/me-context';
import { RolePreview } from './role-preview';
import { StudentPicker } from './student-picker';

interface IncidentFormProps {
  districtId: string;
  incident: IncidentDetail | null;
  initial: IncidentDraft;
  schools: { id: string; name: string }[];
  officers: { id: string; displayName: string }[] | null;
  selfName: string;
}

const SHOWN = [
  'schoolId',
  'occurredAt',
  'location',
  'weapon',
  'contacts.0.officerId',
  'contacts.0.purpose',
  'contacts.0.involvement',
  'contacts.0.reportedAt',
  'contacts.0.arrivedAt',
];

/**
 * One page, top to bottom in the order things happen, so an officer on a phone can log an incident
 * in under two minutes: most fields have a default (now, their school, themselves), and details
 * appear only for what was checked.
 */
export function IncidentForm({ districtId, incident, initial, schools, officers, selfName }: IncidentFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<{ path: string; key: string }[]>([]);
  const save = useSaveIncident(districtId, incident?.id ?? null);
  const me = useCurrentMe();
  const can = useCan();
  const mayListStaff = me.user.role !== 'sro' && can('user.list');
  const staff = useStaffChoices(districtId, mayListStaff);
  const form = useRef<HTMLFormElement>(null);
  const error = invalid ?? save.error;
  useFocusFirstError(form, error);
  const set = <K extends keyof IncidentDraft>(key: K, value: IncidentDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const nibrs = allowedNibrs(draft.behaviors);
  const isDraft = !incident || incident.state === 'draft';

  const submit = (submitIt: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    const input = toInput(draft);
    const extra = extraProblems(draft);
    const schemaError = validateInput(IncidentInputSchema, input, t);
    if (schemaError || extra.length) {
      setProblems(extra);
      setInvalid(
        new ApiError(400, {
          code: 'client_validation',
          message: 'Some fields are not valid',
          issues: schemaError?.issues ?? [],
        }),
      );
      return;
    }
    setProblems([]);
    setInvalid(null);
    save.mutate(
      { input, submit: submitIt },
      {
        onSuccess: (saved) =>
          void navigate(`/app/incidents/${encodeURIComponent(saved.id)}`, { state: { saved: true } }),
      },
    );
  };

  return (
    <>
      <ApiErrorAlert error={error} heading={t('incidents.form.saveFailed')} shownFields={SHOWN} />
      <Form ref={form} onSubmit={submit(isDraft)} noValidate large className="maxw-tablet">
        <h2>{t('incidents.form.what')}</h2>
        <SelectField
          id="incident-school"
          label={t('incidents.fields.school')}
          placeholder={t('common.choose')}
          value={draft.schoolId}
          onChange={(v) => set('schoolId', v)}
          options={schools.map((s) => ({ value: s.id, label: s.name }))}
          error={issueOf(error, 'schoolId')}
        />
        <NativeField
          id="incident-occurredAt"
          type="datetime-local"
          label={t('incidents.fields.occurredAt')}
          value={draft.occurredAt}
          onChange={(v) => set('occurredAt', v)}
          error={issueOf(error, 'occurredAt')}
        />
        <SelectField
          id="incident-location"
          label={t('incidents.fields.location')}
          placeholder={t('common.choose')}
          value={draft.location}
          onChange={(v) => set('location', v)}
          options={LOCATIONS.map((l) => ({ value: l, label: t(`incidents.locations.${l}`) }))}
          error={issueOf(error, 'location')}
        />
        <BehaviorPicker
          value={draft.behaviors}
          onChange={(v) => set('behaviors', v)}
          error={issueOf(error, 'behaviors')}
        />
        <SelectField
          id="incident-weapon"
          label={t('incidents.fields.weapon')}
          value={draft.weapon}
          onChange={(v) => set('weapon', v)}
          options={WEAPONS.map((w) => ({ value: w, label: t(`incidents.weapons.${w}`) }))}
          error={issueOf(error, 'weapon')}
        />
        <FormGroup>
          <Label htmlFor="incident-description">
            {t('incidents.fields.description')} <span className="text-base-dark">{t('common.optional')}</span>
          </Label>
          <div className="usa-hint" id="incident-description-hint">
            {t('incidents.form.descriptionHint')}
          </div>
          <Textarea
            id="incident-description"
            name="description"
            aria-describedby="incident-description-hint"
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        </FormGroup>
        {offenseProblem(problems, error) && (
          <span className="usa-error-message" id="incident-offense-error" role="alert">
            {t('referrals.errors.offenseNotAlleged')}
          </span>
        )}
        <Checkbox
          id="incident-offense"
          label={t('incidents.fields.offenseAlleged')}
          hint={t('incidents.form.offenseHint')}
          checked={draft.offenseAlleged}
          onChange={(on) => set('offenseAlleged', on)}
        />
        {draft.offenseAlleged && (
          <fieldset className="usa-fieldset margin-left-4">
            <legend className="usa-legend">{t('incidents.fields.nibrsCodes')}</legend>
            {nibrs.length === 0 ? (
              <p className="usa-hint">{t('incidents.form.noNibrs')}</p>
            ) : (
              nibrs.map((code) => (
                <Checkbox
                  key={code}
                  id={`nibrs-${code}`}
                  label={t('incidents.form.nibrsCode', { code })}
                  checked={draft.nibrsCodes.includes(code)}
                  onChange={(on) =>
                    set('nibrsCodes', on ? [...draft.nibrsCodes, code] : draft.nibrsCodes.filter((c) => c !== code))
                  }
                />
              ))
            )}
          </fieldset>
        )}

        <StudentPicker
          districtId={districtId}
          schoolId={draft.schoolId}
          value={draft.students}
          onChange={(v) => set('students', v)}
        />
        <ContactFields draft={draft} set={set} officers={officers} selfName={selfName} error={error} />
        {draft.officerInvolved && (
          <ActionFields draft={draft} onChange={(v) => set('actions', v)} problems={problems} />
        )}

        <OutsideReferralFields
          draft={draft}
          onChange={(v) => set('outsideReferrals', v)}
          staff={mayListStaff ? (staff.data ?? []) : null}
          self={{ id: me.user.id, name: me.user.displayName }}
          problems={problems}
          error={error}
        />

        <RolePreview districtId={districtId} draft={draft} />
        <div className="margin-top-3">
          {isDraft ? (
            <>
              <Button type="submit" disabled={save.isPending}>
                {t('incidents.form.saveAndSubmit')}
              </Button>
              <Button type="button" outline disabled={save.isPending} onClick={() => submit(false)()}>
                {t('incidents.form.saveDraft')}
              </Button>
            </>
          ) : (
            <Button type="submit" disabled={save.isPending}>
              {t('incidents.form.saveChanges')}
            </Button>
          )}
        </div>
        {save.isPending && <p role="status">{t('incidents.form.saving')}</p>}
      </Form>
    </>
  );
}

/** A citation or arrest without an alleged offense: found before sending, or refused by the server. */
function offenseProblem(problems: { path: string }[], error: unknown) {
  return (
    problems.some((p) => p.path === 'offenseAlleged') ||
    (error instanceof ApiError && error.code === 'offense_not_alleged')
  );
}
