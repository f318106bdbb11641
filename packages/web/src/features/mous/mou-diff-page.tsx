import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MouDiff } from '@forefront/contract';
import { DataTable } from '../../components/data-table';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useMouDiff } from './mous.api';

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export function MouDiffPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const diff = useMouDiff(id, num(search.get('from')), num(search.get('to')));
  return (
    <section className="usa-section">
      <QueryView query={diff} loadingLabel={t('mous.loading')}>
        {(d) => <DiffView diff={d} />}
      </QueryView>
    </section>
  );
}

/** A rule path from the server (`categories.theft.handler`, `useOfForce`) in words. */
function useRuleLabel() {
  const { t } = useTranslation();
  return {
    rule: (path: string) => {
      const [first, behavior, field] = path.split('.');
      if (first === 'categories' && behavior)
        return `${t(`incidents.behaviors.${behavior}`)}: ${field === 'handler' ? t('mous.rules.handler') : t('mous.rules.reviewShort')}`;
      return t(`mous.ruleNames.${path}`);
    },
    value: (path: string, v: string) => {
      const last = path.split('.').pop();
      if (last === 'handler') return t(`mous.handlers.${v}`);
      if (last === 'informationSharing') return t(`mous.sharing.${v}`);
      if (v === 'true' || v === 'false') return v === 'true' ? t('mous.yes') : t('mous.no');
      if (['searches', 'physicalRestraint', 'mechanicalRestraint', 'useOfForce'].includes(last ?? ''))
        return t(`mous.permissions.${v}`);
      return v;
    },
  };
}

function DiffView({ diff }: { diff: MouDiff }) {
  const { t } = useTranslation();
  const label = useRuleLabel();
  const changed = diff.clauses.filter((c) => c.change !== 'unchanged');
  const ruleRows = [...diff.dateChanges, ...diff.ruleChanges];
  return (
    <>
      <PageTitle>{t('mous.diff.title', { from: diff.from, to: diff.to })}</PageTitle>
      <p>
        <Link to={`/app/mous/${diff.id}`}>{t('mous.diff.back')}</Link>
      </p>
      <p className="usa-intro">{t('mous.diff.summary', { clauses: changed.length, rules: ruleRows.length })}</p>
      <p className="font-body-3xs">
        {t('mous.diff.legend')} <ins className="bg-green text-white">{t('mous.diff.added')}</ins>{' '}
        <del className="bg-secondary-lighter">{t('mous.diff.removed')}</del>
      </p>

      <h2>{t('mous.diff.clausesHeading')}</h2>
      {changed.length === 0 && <p>{t('mous.diff.noClauseChanges')}</p>}
      {changed.map((c) => (
        <section key={c.key} className="margin-bottom-3" aria-labelledby={`diff-${c.key}`}>
          <h3 id={`diff-${c.key}`}>
            {c.titleTo ?? c.titleFrom} <span className="usa-tag">{t(`mous.diff.change.${c.change}`)}</span>
          </h3>
          {c.titleFrom && c.titleTo && c.titleFrom !== c.titleTo && (
            <p>{t('mous.diff.renamed', { from: c.titleFrom, to: c.titleTo })}</p>
          )}
          <p className="measure-6" style={{ whiteSpace: 'pre-line' }}>
            {c.parts.map((p, i) =>
              p.op === 'equal' ? (
                <span key={i}>{p.text}</span>
              ) : p.op === 'insert' ? (
                <ins key={i} className="bg-green text-white" aria-label={`${t('mous.diff.added')}: ${p.text}`}>
                  {p.text}
                </ins>
              ) : (
                <del key={i} className="bg-secondary-lighter" aria-label={`${t('mous.diff.removed')}: ${p.text}`}>
                  {p.text}
                </del>
              ),
            )}
          </p>
        </section>
      ))}

      <h2>{t('mous.diff.rulesHeading')}</h2>
      {ruleRows.length === 0 ? (
        <p>{t('mous.diff.noRuleChanges')}</p>
      ) : (
        <DataTable
          captionId="rule-changes-caption"
          caption={t('mous.diff.rulesCaption', { from: diff.from, to: diff.to })}
        >
          <thead>
            <tr>
              <th scope="col">{t('mous.diff.rule')}</th>
              <th scope="col">{t('mous.diff.before', { version: diff.from })}</th>
              <th scope="col">{t('mous.diff.after', { version: diff.to })}</th>
            </tr>
          </thead>
          <tbody>
            {ruleRows.map((r) => (
              <tr key={r.rule}>
                <th scope="row">{label.rule(r.rule)}</th>
                <td>{label.value(r.rule, r.from)}</td>
                <td>{label.value(r.rule, r.to)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
