import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GettingStartedStep, Todo, TodoList } from '@forefront/contract';
import { formatDate } from '../../components/format';
import { QueryView } from '../../components/query-view';
import { useCurrentMe } from '../staff/me-context';
import { useTodos } from './todos.api';

/** Where each to-do is done. */
export function todoLink(todo: Todo): string {
  switch (todo.kind) {
    case 'mou_review':
      return `/app/mous/${encodeURIComponent(todo.mouId ?? '')}`;
    case 'incidents_to_review':
      return '/app/incidents?state=submitted';
    case 'flagged_incidents':
      return '/app/incidents?flagged=true';
    case 'pending_invitations':
      return '/app/people';
    case 'unpublished_year':
      return '/app/publish';
    case 'failed_imports':
      return '/app/jobs?status=failed';
    case 'training_records_to_approve':
      return '/app/training/records';
    case 'officers_not_compliant':
      return '/app/training/compliance?status=not_compliant';
    case 'officers_expiring':
      return '/app/training/compliance?status=expiring';
    case 'exceptions_ending':
      return '/app/training/exceptions';
    case 'own_training':
      return '/app/my-training';
    case 'threat_tasks_overdue':
    case 'threat_checkins_due':
      return '/app/threat/cases?overdue=true';
    case 'threat_cases_to_classify':
    case 'threat_cases_to_close':
    case 'threat_cases_unclassified':
      return '/app/threat/cases?status=open';
    case 'referrals_awaiting_follow_up':
      return '/app/referrals/caseload';
  }
}

function todoText(todo: Todo, t: TFunction, lang: string): string {
  if (todo.kind === 'mou_review')
    return t(todo.overdue ? 'todos.items.mouReviewOverdue' : 'todos.items.mouReviewDue', {
      title: todo.title ?? '',
      date: formatDate(todo.dueDate ?? null, lang),
    });
  if (todo.kind === 'own_training')
    return t(todo.overdue ? 'todos.items.ownTrainingOverdue' : 'todos.items.ownTrainingDue', {
      date: formatDate(todo.dueDate ?? null, lang),
    });
  if (todo.kind === 'unpublished_year') return t('todos.items.unpublishedYear', { year: todo.schoolYear ?? '' });
  return t(`todos.items.${todo.kind}`, { count: todo.count });
}

const STEP_LINKS: Record<GettingStartedStep, string> = {
  schools: '/app/schools',
  people: '/app/people',
  mou: '/app/mous',
  roster: '/app/students/import',
  training: '/app/training/standard',
  publication: '/app/publish',
};

/** A new district's first steps, ticked off from the data; hidden once every step is done. */
function GettingStarted({ steps }: { steps: NonNullable<TodoList['gettingStarted']> }) {
  const { t } = useTranslation();
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section aria-labelledby="getting-started" className="margin-top-4">
      <h2 id="getting-started">{t('gettingStarted.title')}</h2>
      <p>{t('gettingStarted.progress', { done, total: steps.length })}</p>
      <ol className="usa-process-list" aria-label={t('gettingStarted.listLabel')}>
        {steps.map((s) => (
          <li key={s.step} className="usa-process-list__item">
            <h3 className="usa-process-list__heading">
              {s.done ? (
                <span>{t(`gettingStarted.steps.${s.step}.title`)}</span>
              ) : (
                <Link to={STEP_LINKS[s.step]}>{t(`gettingStarted.steps.${s.step}.title`)}</Link>
              )}{' '}
              <span className={`usa-tag ${s.done ? 'bg-green' : 'bg-base-dark'}`}>
                {s.done ? t('gettingStarted.done') : t('gettingStarted.toDo')}
              </span>
            </h3>
            <p className="margin-top-05">{t(`gettingStarted.steps.${s.step}.body`)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The dashboard's to-dos for the signed-in person, each linking to where it is done. */
export function DashboardTodos() {
  const { t, i18n } = useTranslation();
  const me = useCurrentMe();
  const todos = useTodos(me.district?.id ?? null);
  if (!me.district) return null;
  return (
    <QueryView query={todos} loadingLabel={t('todos.loading')} errorHeading={t('todos.loadError')}>
      {(list) => (
        <>
          <section aria-labelledby="todos-heading">
            <h2 id="todos-heading">{t('todos.title')}</h2>
            {list.items.length === 0 ? (
              <div className="usa-alert usa-alert--info usa-alert--slim margin-y-2">
                <div className="usa-alert__body">
                  <p className="usa-alert__text">
                    {t('todos.empty')} {t(`todos.next.${me.user.role}`)}
                  </p>
                </div>
              </div>
            ) : (
              <ul className="usa-list" aria-label={t('todos.listLabel')}>
                {list.items.map((todo) => (
                  <li key={`${todo.kind}-${todo.mouId ?? ''}`}>
                    <Link to={todoLink(todo)}>{todoText(todo, t, i18n.language)}</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {list.gettingStarted && <GettingStarted steps={list.gettingStarted} />}
        </>
      )}
    </QueryView>
  );
}
