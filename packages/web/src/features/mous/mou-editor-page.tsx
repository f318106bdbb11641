import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type Clause, type ClauseKey, MOU_TEMPLATES, type MouDetail, type RoleRules } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField, TextField, useFocusFirstError } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { RoleRulesEditor } from './role-rules-editor';
import { useCreateVersion, useMou } from './mous.api';

export function MouEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mou = useMou(id);
  return (
    <section className="usa-section">
      <QueryView query={mou} loadingLabel={t('mous.loading')}>
        {(m) => <MouEditor mou={m} />}
      </QueryView>
    </section>
  );
}

/** Edits start from the latest version; saving writes a new version, which needs new signatures. */
function MouEditor({ mou }: { mou: MouDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const latest = mou.versions[0]!;
  const save = useCreateVersion(mou.id);
  const form = useRef<HTMLFormElement>(null);
  const [clauses, setClauses] = useState<Clause[]>(latest.clauses);
  const [rules, setRules] = useState<RoleRules>(latest.roleRules);
  const [effectiveDate, setEffectiveDate] = useState(latest.effectiveDate);
  const [reviewDate, setReviewDate] = useState(latest.reviewDate);
  const [changeNote, setChangeNote] = useState('');
  useFocusFirstError(form, save.error);

  const written = new Set(clauses.filter((c) => c.text.trim()).map((c) => c.key));
  const required: readonly ClauseKey[] = MOU_TEMPLATES[mou.template];
  const unused = mou.library.filter((l) => !clauses.some((c) => c.key === l.key));
  const setClause = (key: ClauseKey, patch: Partial<Clause>) =>
    setClauses((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const addClause = (key: ClauseKey) => {
    const l = mou.library.find((x) => x.key === key)!;
    setClauses((cs) => [...cs, { key, title: l.title, text: l.text }]);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      { clauses, roleRules: rules, effectiveDate, reviewDate, changeNote },
      { onSuccess: () => void navigate(`/app/mous/${mou.id}`) },
    );
  };

  return (
    <form ref={form} className="usa-form usa-form--large maxw-full" onSubmit={submit} noValidate>
      <PageTitle>{t('mous.editor.title', { title: mou.title })}</PageTitle>
      <p className="usa-intro">{t('mous.editor.intro', { version: latest.version + 1 })}</p>
      <p className="text-bold" data-testid="mou-signed-language">
        {t('mouLanguage.editorLanguage', { language: t(`mouLanguage.languages.${latest.language}`) })}
      </p>
      {save.isError && <ApiErrorAlert error={save.error} />}

      <h2 id="checklist-heading">
        {t('mous.editor.checklistHeading', {
          template: t(`mous.templates.${mou.template}`, { count: required.length }),
        })}
      </h2>
      <ul className="usa-icon-list" aria-labelledby="checklist-heading">
        {required.map((k) => (
          <li key={k} className="usa-icon-list__item">
            <span className={written.has(k) ? 'text-green text-bold' : 'text-secondary-dark text-bold'}>
              {written.has(k) ? '✓ ' : '✗ '}
            </span>
            {t(`mous.clauseNames.${k}`)}: {written.has(k) ? t('mous.editor.present') : t('mous.editor.missing')}
          </li>
        ))}
      </ul>

      <h2>{t('mous.editor.clausesHeading')}</h2>
      {clauses.map((c, i) => (
        <fieldset key={c.key} className="usa-fieldset margin-bottom-4 border-top-1px border-base-lighter padding-top-2">
          <legend className="usa-legend usa-legend--large">
            {i + 1}. {t(`mous.clauseNames.${c.key}`)}
          </legend>
          <TextField
            id={`clause-title-${c.key}`}
            label={t('mous.editor.clauseTitle')}
            value={c.title}
            onChange={(e) => setClause(c.key, { title: e.target.value })}
            error={issueOf(save.error, `clauses.${i}.title`)}
          />
          <label className="usa-label" htmlFor={`clause-text-${c.key}`}>
            {t('mous.editor.clauseText')}
          </label>
          <textarea
            id={`clause-text-${c.key}`}
            className="usa-textarea maxw-full"
            rows={6}
            lang={latest.language}
            value={c.text}
            onChange={(e) => setClause(c.key, { text: e.target.value })}
          />
          <button
            type="button"
            className="usa-button usa-button--unstyled margin-top-1"
            onClick={() => setClauses((cs) => cs.filter((x) => x.key !== c.key))}
          >
            {t('mous.editor.removeClause', { name: t(`mous.clauseNames.${c.key}`) })}
          </button>
        </fieldset>
      ))}
      {unused.length > 0 && (
        <div className="margin-bottom-4">
          <h3>{t('mous.editor.addHeading')}</h3>
          <ul className="usa-list">
            {unused.map((l) => (
              <li key={l.key}>
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => addClause(l.key)}>
                  {t('mous.editor.addClause', { name: t(`mous.clauseNames.${l.key}`) })}
                </button>{' '}
                <span className="font-body-3xs text-base">
                  ({required.includes(l.key) ? t('mous.editor.requiredByTemplate') : l.source})
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      <h2>{t('mous.rulesHeading')}</h2>
      <p>{t('mous.rulesIntro')}</p>
      <RoleRulesEditor rules={rules} onChange={setRules} />

      <h2>{t('mous.editor.datesHeading')}</h2>
      <DateField
        id="version-effective"
        label={t('mous.fields.effectiveDate')}
        value={effectiveDate}
        onChange={setEffectiveDate}
        error={issueOf(save.error, 'effectiveDate')}
      />
      <DateField
        id="version-review"
        label={t('mous.fields.reviewDate')}
        value={reviewDate}
        onChange={setReviewDate}
        error={issueOf(save.error, 'reviewDate')}
      />
      <TextField
        id="version-note"
        label={t('mous.fields.changeNote')}
        hint={t('mous.editor.changeNoteHint')}
        value={changeNote}
        onChange={(e) => setChangeNote(e.target.value)}
        error={issueOf(save.error, 'changeNote')}
      />
      <p>{t('mous.editor.resignWarning')}</p>
      <button type="submit" className="usa-button" disabled={save.isPending}>
        {t('mous.editor.save', { version: latest.version + 1 })}
      </button>
      <Link to={`/app/mous/${mou.id}`} className="usa-button usa-button--unstyled margin-left-2">
        {t('mous.cancel')}
      </Link>
    </form>
  );
}
