import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { type Disclosure, LEGAL_BASES, PAGE_SIZE_DEFAULT, isLegalBasisKey } from '@forefront/contract';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useDebounced } from '../../components/use-debounced';
import { DataTable } from '../../components/data-table';
import { formatDateTime, formatNumber } from '../../components/format';
import { TextField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { PageOutOfRange, Pager, pageFromSearch } from '../../components/pager';
import { QueryView } from '../../components/query-view';
import { disclosurePdfUrl, useDisclosures } from '../exports/exports.api';
import { useStudent, useStudents } from '../students/students.api';
import { useCan, useCurrentMe } from '../staff/me-context';

/** Formats with words of their own; any other reads as “<format> file”. */
const FORMAT_KEYS = ['csv', 'edfi', 'threat_case_pdf'];

/**
 * The FERPA 99.32 record of disclosures (issue 13): who received which students' records, when,
 * why and on what legal ground. Filtered to one student for a parent's request, and printable
 * for that student as a PDF in the reader's language. Reading it is audited by the server.
 */
export function DisclosureLogPage() {
  const { t } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const [search, setSearch] = useSearchParams();
  const studentId = search.get('student');
  const page = pageFromSearch(search, PAGE_SIZE_DEFAULT);
  const log = useDisclosures(district.id, { ...page, ...(studentId && { studentId }) });

  const choose = (id: string | null) => setSearch(id ? new URLSearchParams({ student: id }) : new URLSearchParams());

  return (
    <section className="usa-section">
      <PageTitle>{t('disclosureLog.title')}</PageTitle>
      <p className="usa-intro">{t('disclosureLog.intro')}</p>
      <h2>{t('disclosureLog.filterHeading')}</h2>
      {studentId ? (
        <ChosenStudent studentId={studentId} onClear={() => choose(null)} />
      ) : (
        <StudentFilter districtId={district.id} onChoose={choose} />
      )}
      <h2>{t('disclosureLog.listHeading')}</h2>
      <QueryView
        query={log}
        loadingLabel={t('disclosureLog.loading')}
        errorHeading={t('disclosureLog.loadError')}
        isEmpty={(p) => p.items.length === 0}
        empty={
          log.data?.total ? (
            <PageOutOfRange />
          ) : (
            <Alert type="info" heading={t('disclosureLog.emptyHeading')}>
              <p className="margin-0">{studentId ? t('disclosureLog.emptyStudent') : t('disclosureLog.empty')}</p>
              {!studentId && can('incident.export') && (
                <p className="margin-bottom-0">
                  <Link to="/app/exports">{t('disclosureLog.goToExports')}</Link>
                </p>
              )}
            </Alert>
          )
        }
      >
        {(p) => (
          <>
            <DisclosureTable
              items={p.items}
              caption={t('disclosureLog.caption', {
                from: p.offset + 1,
                to: p.offset + p.items.length,
                total: p.total,
              })}
            />
            <Pager total={p.total} limit={p.limit} offset={p.offset} label={t('disclosureLog.pagerLabel')} />
          </>
        )}
      </QueryView>
    </section>
  );
}

function StudentFilter({ districtId, onChoose }: { districtId: string; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const found = useStudents(districtId, { q: query, limit: 10, offset: 0 }, query.length >= 2);
  const results = query.length >= 2 ? (found.data?.items ?? []) : [];
  return (
    <div>
      <TextField
        id="disclosure-student-search"
        type="search"
        label={t('disclosureLog.findStudent')}
        hint={t('disclosureLog.findStudentHint')}
        isOptional
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {found.isError && <ApiErrorAlert error={found.error} heading={t('disclosureLog.searchFailed')} />}
      <div aria-live="polite">
        {query.length >= 2 && found.isSuccess && results.length === 0 && (
          <p className="text-base-dark">{t('disclosureLog.noStudents')}</p>
        )}
        {results.length > 0 && (
          <ul className="usa-list usa-list--unstyled margin-top-1" aria-label={t('disclosureLog.searchResults')}>
            {results.map((s) => (
              <li key={s.id} className="margin-bottom-1">
                <Button type="button" outline onClick={() => onChoose(s.id)}>
                  {t('disclosureLog.showStudent', { name: `${s.givenName} ${s.familyName}`, localId: s.localId })}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function ChosenStudent({ studentId, onClear }: { studentId: string; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  const student = useStudent(studentId);
  const name = student.data ? `${student.data.givenName} ${student.data.familyName}` : '';
  return (
    <div className="margin-bottom-3">
      <ApiErrorAlert error={student.error} heading={t('disclosureLog.studentLoadError')} />
      {student.data && (
        <p className="font-body-md">{t('disclosureLog.shownFor', { name, localId: student.data.localId })}</p>
      )}
      <div className="display-flex flex-wrap flex-align-center">
        <a className="usa-button margin-right-2" href={disclosurePdfUrl(studentId, i18n.language)} download>
          {name ? t('disclosureLog.printFor', { name }) : t('disclosureLog.print')}
        </a>
        <Button type="button" unstyled onClick={onClear}>
          {t('disclosureLog.clear')}
        </Button>
      </div>
      <p className="usa-hint">{t('disclosureLog.printHint')}</p>
    </div>
  );
}

function DisclosureTable({ items, caption }: { items: Disclosure[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  return (
    <DataTable captionId="disclosures-caption" caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('disclosureLog.when')}</th>
          <th scope="col">{t('disclosureLog.party')}</th>
          <th scope="col">{t('disclosureLog.purpose')}</th>
          <th scope="col">{t('disclosureLog.legalBasis')}</th>
          <th scope="col">{t('disclosureLog.records')}</th>
          <th scope="col">{t('disclosureLog.by')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id}>
            <td className="text-no-wrap">{formatDateTime(d.disclosedAt, i18n.language)}</td>
            <th scope="row">{d.party}</th>
            <td>{d.purpose}</td>
            <td>
              {isLegalBasisKey(d.legalBasis) ? (
                <>
                  {LEGAL_BASES[d.legalBasis][lang].label}
                  <div className="font-body-3xs text-base-dark">{LEGAL_BASES[d.legalBasis].citation}</div>
                </>
              ) : (
                d.legalBasis
              )}
              {d.emergencyThreat && (
                <div className="margin-top-05">
                  <span className="text-bold">{t('disclosureLog.threat')}</span> {d.emergencyThreat}
                </div>
              )}
            </td>
            <td>
              {t(`disclosureLog.formats.${FORMAT_KEYS.includes(d.format) ? d.format : 'other'}`, {
                format: d.format,
              })}
              <div className="font-body-3xs text-base-dark">
                {t('disclosureLog.counts', {
                  records: formatNumber(d.recordCount, i18n.language),
                  students: formatNumber(d.studentCount, i18n.language),
                })}
              </div>
            </td>
            <td>
              {d.disclosedByName ?? t('disclosureLog.operator')}
              {d.disclosedByRole && (
                <div className="font-body-3xs text-base-dark">
                  {t(`roles.${d.disclosedByRole}`, { defaultValue: d.disclosedByRole })}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
