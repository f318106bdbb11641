import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { type Behavior, OUTSIDE_LE_KINDS } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { SelectField, TextField } from '../../components/form-fields';
import { NativeField, RadioGroup } from './choice-fields';
import type { IncidentDraft, OutsideReferralDraft } from './incident-draft';

interface OutsideReferralFieldsProps {
  draft: IncidentDraft;
  onChange: (value: OutsideReferralDraft[]) => void;
  /** Staff the signed-in person may name; null when they cannot list people (they name themselves). */
  staff: { id: string; displayName: string }[] | null;
  self: { id: string; name: string };
  problems: { path: string; key: string }[];
  error: unknown;
}

/**
 * Issue 12: a referral to law enforcement or an arrest by officers outside Forefront (a principal's
 * 911 call, a patrol officer), with who at school made the referral. CRDC counts these like an
 * SRO's referral or arrest.
 */
export function OutsideReferralFields({ draft, onChange, staff, self, problems, error }: OutsideReferralFieldsProps) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<OutsideReferralDraft>) =>
    onChange(draft.outsideReferrals.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () =>
    onChange([
      ...draft.outsideReferrals,
      {
        kind: 'referral',
        studentId: draft.students.length === 1 ? draft.students[0]!.studentId : '',
        referredBy: self.id,
        officerName: '',
        agency: '',
        badgeNumber: '',
        at: '',
        behavior: draft.behaviors.length === 1 ? draft.behaviors[0]! : '',
      },
    ]);
  const people = staff ?? [{ id: self.id, displayName: self.name }];
  const problem = (path: string) => {
    const p = problems.find((x) => x.path === path);
    return p ? t(p.key) : issueOf(error, path);
  };

  return (
    <section aria-labelledby="outside-heading" className="margin-top-4">
      <h3 id="outside-heading">{t('referrals.form.heading')}</h3>
      <p className="usa-hint">{t('referrals.form.intro')}</p>
      {draft.students.length === 0 && <p className="usa-hint">{t('incidents.form.actionsNeedStudents')}</p>}
      {draft.outsideReferrals.map((r, i) => {
        const id = `outside-${i}`;
        const path = `outsideReferrals.${i}`;
        return (
          <fieldset key={id} className="usa-fieldset margin-bottom-3 padding-left-2 border-left-05 border-base-lighter">
            <legend className="usa-legend text-bold">{t('referrals.form.legend', { n: i + 1 })}</legend>
            <RadioGroup
              id={`${id}-kind`}
              legend={t('referrals.form.kind')}
              value={r.kind}
              onChange={(v) => update(i, { kind: v })}
              options={OUTSIDE_LE_KINDS.map((k) => ({ value: k, label: t(`referrals.kinds.${k}`) }))}
              error={issueOf(error, `${path}.kind`)}
            />
            <SelectField
              id={`${id}-student`}
              label={t('referrals.form.student')}
              placeholder={t('common.choose')}
              value={r.studentId}
              onChange={(v) => update(i, { studentId: v })}
              options={draft.students.map((s) => ({ value: s.studentId, label: s.name }))}
              error={issueOf(error, `${path}.studentId`)}
            />
            <SelectField
              id={`${id}-referredBy`}
              label={t('referrals.form.referredBy')}
              hint={t('referrals.form.referredByHint')}
              isOptional={r.kind === 'arrest'}
              placeholder={r.kind === 'arrest' ? t('referrals.form.nobodyAtSchool') : t('common.choose')}
              value={r.referredBy}
              onChange={(v) => update(i, { referredBy: v })}
              options={people.map((p) => ({ value: p.id, label: p.displayName }))}
              error={problem(`${path}.referredBy`)}
            />
            <TextField
              id={`${id}-officer`}
              label={t('referrals.form.officerName')}
              value={r.officerName}
              onChange={(e) => update(i, { officerName: e.target.value })}
              error={issueOf(error, `${path}.officerName`)}
            />
            <TextField
              id={`${id}-agency`}
              label={t('referrals.form.agency')}
              value={r.agency}
              onChange={(e) => update(i, { agency: e.target.value })}
              error={issueOf(error, `${path}.agency`)}
            />
            <TextField
              id={`${id}-badge`}
              label={t('referrals.form.badgeNumber')}
              isOptional
              value={r.badgeNumber}
              onChange={(e) => update(i, { badgeNumber: e.target.value })}
              error={issueOf(error, `${path}.badgeNumber`)}
            />
            {draft.behaviors.length > 0 && (
              <SelectField
                id={`${id}-behavior`}
                label={t('referrals.form.behavior')}
                isOptional
                placeholder={t('referrals.form.behaviorNotSaid')}
                value={r.behavior}
                onChange={(v) => update(i, { behavior: v as Behavior | '' })}
                options={draft.behaviors.map((b) => ({ value: b, label: t(`incidents.behaviors.${b}`) }))}
                error={issueOf(error, `${path}.behavior`)}
              />
            )}
            <NativeField
              id={`${id}-at`}
              type="datetime-local"
              label={t('referrals.form.at')}
              hint={t('incidents.form.actionAtHint')}
              isOptional
              value={r.at}
              onChange={(v) => update(i, { at: v })}
              error={issueOf(error, `${path}.at`)}
            />
            <Button type="button" unstyled onClick={() => onChange(draft.outsideReferrals.filter((_, j) => j !== i))}>
              {t('referrals.form.remove', { n: i + 1 })}
            </Button>
          </fieldset>
        );
      })}
      <Button type="button" outline onClick={add} disabled={draft.students.length === 0}>
        {t('referrals.form.add')}
      </Button>
    </section>
  );
}
