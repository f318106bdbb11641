import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type CaseDetail, type TaskInput, type TaskStatus } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, SelectField, TextField } from '../../components/form-fields';
import { formatDate, formatDateTime } from '../../components/format';
import { StepForm, TextAreaField, issueOf } from './case-form';
import { todayLocal } from './steps';
import { useCaseStep } from './threat.api';

type Props = { c: CaseDetail; writable: boolean };

/** Team members as owner choices: a task's or check-in's owner must be on the case's team. */
function useOwnerOptions(c: CaseDetail) {
  const { t } = useTranslation();
  return c.team.members.map((m) => ({
    value: m.userId,
    label: `${m.displayName} (${t(`threat.teamRoles.${m.teamRole}`)})`,
  }));
}

function Overdue({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? <span className="usa-tag bg-secondary-dark margin-left-1">{t('threat.overdue')}</span> : null;
}

export function SafetyPlanSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const step = useCaseStep<{ plan: string }>(c.id, 'post', () => '/safety-plan');
  const [plan, setPlan] = useState(c.safetyPlan?.plan ?? '');
  const required = c.stepsRequired.includes('safety_plan');
  if (!required && !c.safetyPlan && c.tasks.length === 0) return null;
  return (
    <section aria-labelledby="step-safety-plan">
      <h2 id="step-safety-plan">{t('threat.steps.safety_plan')}</h2>
      {c.safetyPlan && (
        <div className="threat-entry">
          <p className="text-base-dark margin-y-0">
            {t('threat.plan.updated', { when: formatDateTime(c.safetyPlan.at, i18n.language) })}
          </p>
          <p className="threat-text">{c.safetyPlan.plan}</p>
        </div>
      )}
      {writable && (
        <StepForm
          label={t('threat.plan.save')}
          mutation={step}
          submit={c.safetyPlan ? t('threat.plan.update') : t('threat.plan.save')}
          fields={['plan']}
          onSubmit={() => step.mutate({ plan })}
        >
          <TextAreaField
            id="safety-plan"
            label={t('threat.plan.label')}
            hint={t('threat.plan.hint')}
            maxLength={20000}
            value={plan}
            onChange={setPlan}
            error={issueOf(step.error, 'plan')}
          />
        </StepForm>
      )}
      <TasksPart c={c} writable={writable} />
    </section>
  );
}

function TasksPart({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const owners = useOwnerOptions(c);
  const add = useCaseStep<TaskInput>(c.id, 'post', () => '/tasks');
  const setStatus = useCaseStep<{ taskId: string; status: TaskStatus }>(
    c.id,
    'patch',
    (i) => `/tasks/${encodeURIComponent(i.taskId)}`,
    (i) => ({ status: i.status }),
  );
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueOn, setDueOn] = useState(todayLocal());
  return (
    <>
      <h3>{t('threat.tasks.heading')}</h3>
      {c.tasks.length === 0 ? (
        <p>{writable ? t('threat.tasks.noneAdd') : t('threat.tasks.none')}</p>
      ) : (
        <table className="usa-table usa-table--borderless width-full">
          <caption className="usa-sr-only">{t('threat.tasks.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('threat.tasks.title')}</th>
              <th scope="col">{t('threat.tasks.owner')}</th>
              <th scope="col">{t('threat.tasks.due')}</th>
              <th scope="col">{t('threat.tasks.status')}</th>
            </tr>
          </thead>
          <tbody>
            {c.tasks.map((task) => (
              <tr key={task.id}>
                <th scope="row">{task.title}</th>
                <td>{task.owner.displayName ?? t('threat.unknown')}</td>
                <td>
                  {formatDate(task.dueOn, i18n.language)}
                  <Overdue overdue={task.overdue} />
                </td>
                <td>
                  {writable ? (
                    <SelectField
                      id={`task-status-${task.id}`}
                      label={t('threat.tasks.statusOf', { title: task.title })}
                      value={task.status}
                      onChange={(v) => setStatus.mutate({ taskId: task.id, status: v as TaskStatus })}
                      options={TASK_STATUSES.map((s) => ({ value: s, label: t(`threat.taskStatuses.${s}`) }))}
                    />
                  ) : (
                    t(`threat.taskStatuses.${task.status}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {setStatus.isError && <ApiErrorAlert error={setStatus.error} />}
      {writable && (
        <StepForm
          label={t('threat.tasks.add')}
          mutation={add}
          submit={t('threat.tasks.add')}
          fields={['title', 'ownerId', 'dueOn']}
          onSubmit={() => add.mutate({ title, ownerId, dueOn }, { onSuccess: () => setTitle('') })}
        >
          <TextField
            id="task-title"
            label={t('threat.tasks.title')}
            hint={t('threat.tasks.titleHint')}
            maxLength={500}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            error={issueOf(add.error, 'title')}
          />
          <SelectField
            id="task-owner"
            label={t('threat.tasks.owner')}
            value={ownerId}
            onChange={setOwnerId}
            placeholder={t('threat.chooseMember')}
            options={owners}
            error={issueOf(add.error, 'ownerId')}
          />
          <DateField
            id="task-due"
            label={t('threat.tasks.due')}
            value={dueOn}
            onChange={setDueOn}
            error={issueOf(add.error, 'dueOn')}
          />
        </StepForm>
      )}
    </>
  );
}

export function CheckinsSection({ c, writable }: Props) {
  const { t, i18n } = useTranslation();
  const owners = useOwnerOptions(c);
  const add = useCaseStep<{ dueOn: string; ownerId: string }>(c.id, 'post', () => '/checkins');
  const done = useCaseStep<{ checkinId: string; note: string }>(
    c.id,
    'post',
    (i) => `/checkins/${encodeURIComponent(i.checkinId)}/done`,
    (i) => ({ note: i.note }),
  );
  const [dueOn, setDueOn] = useState(todayLocal());
  const [ownerId, setOwnerId] = useState('');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const required = c.stepsRequired.includes('monitoring');
  if (!required && c.checkins.length === 0) return null;
  return (
    <section aria-labelledby="step-monitoring">
      <h2 id="step-monitoring">{t('threat.steps.monitoring')}</h2>
      {c.checkins.length === 0 && <p>{writable ? t('threat.checkins.noneAdd') : t('threat.checkins.none')}</p>}
      <ul className="usa-list usa-list--unstyled">
        {c.checkins.map((ck) => (
          <li key={ck.id} className="threat-entry">
            <p className="text-bold margin-y-0">
              {t('threat.checkins.due', {
                date: formatDate(ck.dueOn, i18n.language),
                name: ck.owner.displayName ?? t('threat.unknown'),
              })}
              <Overdue overdue={ck.overdue} />
            </p>
            {ck.doneAt ? (
              <>
                <p className="text-base-dark margin-y-0">
                  {t('threat.checkins.doneAt', { when: formatDateTime(ck.doneAt, i18n.language) })}
                </p>
                {ck.note && <p className="threat-text">{ck.note}</p>}
              </>
            ) : (
              writable && (
                <StepForm
                  label={t('threat.checkins.markDone')}
                  mutation={done}
                  submit={t('threat.checkins.markDone')}
                  fields={['note']}
                  onSubmit={() => done.mutate({ checkinId: ck.id, note: notes[ck.id] ?? '' })}
                >
                  <TextAreaField
                    id={`checkin-note-${ck.id}`}
                    label={t('threat.checkins.note')}
                    maxLength={5000}
                    value={notes[ck.id] ?? ''}
                    onChange={(v) => setNotes({ ...notes, [ck.id]: v })}
                  />
                </StepForm>
              )
            )}
          </li>
        ))}
      </ul>
      {writable && (
        <StepForm
          label={t('threat.checkins.schedule')}
          mutation={add}
          submit={t('threat.checkins.schedule')}
          fields={['dueOn', 'ownerId']}
          onSubmit={() => add.mutate({ dueOn, ownerId })}
        >
          <DateField
            id="checkin-due"
            label={t('threat.checkins.dueLabel')}
            value={dueOn}
            onChange={setDueOn}
            error={issueOf(add.error, 'dueOn')}
          />
          <SelectField
            id="checkin-owner"
            label={t('threat.checkins.owner')}
            value={ownerId}
            onChange={setOwnerId}
            placeholder={t('threat.chooseMember')}
            options={owners}
            error={issueOf(add.error, 'ownerId')}
          />
        </StepForm>
      )}
    </section>
  );
}
