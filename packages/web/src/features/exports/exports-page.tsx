import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Fieldset, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_BASIS, LEGAL_BASES, LEGAL_BASIS_KEYS, type LegalBasisKey } from '@forefront/contract';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError, SelectField, TextField } from '../../components/form-fields';
import { PageTitle } from '../../components/page-title';
import { RadioGroup } from '../incidents/choice-fields';
import { useCan, useCurrentMe } from '../staff/me-context';
import { recentSchoolYears } from './export-years';
import { EXPORT_KINDS, type ExportKind, RELEASES_RECORDS, useStartExport } from './exports.api';
import { JobProgress } from './job-progress';

/** i18next reads dots as nesting: each kind's words live under a plain key. */
const KIND_KEYS: Record<ExportKind, string> = {
  'incident.export.csv': 'csv',
  'incident.export.edfi': 'edfi',
  'crdc.export': 'crdc',
  'crdc.export.layout': 'crdcLayout',
};

type Errors = Partial<Record<'kind' | 'party' | 'purpose' | 'legalBasis' | 'emergencyThreat', string>>;

/**
 * Exports started from the app (issue 13): the incident CSV and Ed-Fi JSON release student
 * records, so each first records a FERPA 99.32 disclosure (recipient, purpose, legal basis); the
 * CRDC files are counts and ask nothing. Each runs as a job; its file downloads when it is done.
 */
export function ExportsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const district = useCurrentMe().district!;
  const lang = i18n.language === 'es' ? 'es' : 'en';
  const [search, setSearch] = useSearchParams();
  const jobId = search.get('job');
  const start = useStartExport(district.id);
  const years = recentSchoolYears(district);

  const kinds = EXPORT_KINDS.filter((k) => can(k.startsWith('crdc') ? 'crdc.export' : 'incident.export'));
  const [kind, setKind] = useState<ExportKind | ''>('');
  const [year, setYear] = useState('');
  const [party, setParty] = useState('');
  const [purpose, setPurpose] = useState('');
  const [legalBasis, setLegalBasis] = useState<LegalBasisKey | ''>('');
  const [threat, setThreat] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  const releases = kind !== '' && RELEASES_RECORDS.includes(kind);
  const isCrdc = kind === 'crdc.export' || kind === 'crdc.export.layout';
  const emergency = legalBasis === EMERGENCY_BASIS;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    const required = t('exports.errors.required');
    if (kind === '') next.kind = t('exports.errors.kind');
    if (releases) {
      if (!party.trim()) next.party = required;
      if (!purpose.trim()) next.purpose = required;
      if (legalBasis === '') next.legalBasis = t('exports.errors.legalBasis');
      if (emergency && !threat.trim()) next.emergencyThreat = t('exports.errors.threat');
    }
    setErrors(next);
    if (kind === '' || Object.keys(next).length > 0) return;
    const chosenYear = year || (isCrdc ? years[0] : undefined);
    const input = releases
      ? {
          ...(chosenYear && { year: chosenYear }),
          party: party.trim(),
          purpose: purpose.trim(),
          legalBasis: legalBasis as LegalBasisKey,
          ...(emergency && { emergencyThreat: threat.trim() }),
        }
      : { ...(chosenYear && { year: chosenYear }) };
    start.mutate(
      { kind, input },
      {
        onSuccess: (job) => {
          const params = new URLSearchParams(search);
          params.set('job', job.id);
          setSearch(params);
        },
      },
    );
  };

  return (
    <section className="usa-section">
      <PageTitle>{t('exports.title')}</PageTitle>
      <p className="usa-intro">{t('exports.intro')}</p>
      {jobId && <JobProgress key={jobId} jobId={jobId} />}
      <h2>{t('exports.formHeading')}</h2>
      <Form onSubmit={submit} large aria-label={t('exports.formLabel')} noValidate>
        <RadioGroup<ExportKind>
          id="export-kind"
          legend={t('exports.kindLegend')}
          value={kind}
          tile
          error={errors.kind}
          onChange={(k) => {
            setKind(k);
            setYear('');
          }}
          options={kinds.map((k) => ({
            value: k,
            label: t(`exports.kinds.${KIND_KEYS[k]}.label`),
            hint: t(`exports.kinds.${KIND_KEYS[k]}.hint`),
          }))}
        />
        {kind !== '' && (
          <SelectField
            id="export-year"
            label={t('exports.year')}
            hint={isCrdc ? t('exports.yearHintCrdc') : t('exports.yearHint')}
            isOptional={!isCrdc}
            value={year || (isCrdc ? years[0]! : '')}
            onChange={setYear}
            placeholder={isCrdc ? undefined : t('exports.allYears')}
            options={years.map((y) => ({ value: y, label: y }))}
          />
        )}
        {releases && (
          <Fieldset legend={t('exports.disclosure.legend')} legendStyle="large">
            <p className="usa-hint">{t('exports.disclosure.intro')}</p>
            <TextField
              id="disclosure-party"
              label={t('exports.disclosure.party')}
              hint={t('exports.disclosure.partyHint')}
              error={errors.party}
              maxLength={200}
              value={party}
              onChange={(e) => setParty(e.target.value)}
            />
            <TextField
              id="disclosure-purpose"
              label={t('exports.disclosure.purpose')}
              hint={t('exports.disclosure.purposeHint')}
              error={errors.purpose}
              maxLength={500}
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
            />
            <RadioGroup<LegalBasisKey>
              id="disclosure-basis"
              legend={t('exports.disclosure.legalBasis')}
              value={legalBasis}
              error={errors.legalBasis}
              onChange={setLegalBasis}
              options={LEGAL_BASIS_KEYS.map((k) => ({
                value: k,
                label: `${LEGAL_BASES[k][lang].label} (${LEGAL_BASES[k].citation})`,
                hint: LEGAL_BASES[k][lang].explanation,
              }))}
            />
            {emergency && (
              <FormGroup error={!!errors.emergencyThreat}>
                <Label htmlFor="disclosure-threat" error={!!errors.emergencyThreat}>
                  {t('exports.disclosure.threat')}
                </Label>
                <div className="usa-hint" id="disclosure-threat-hint">
                  {t('exports.disclosure.threatHint')}
                </div>
                {errors.emergencyThreat && (
                  <FieldError id="disclosure-threat-error">{errors.emergencyThreat}</FieldError>
                )}
                <Textarea
                  id="disclosure-threat"
                  name="disclosure-threat"
                  required
                  maxLength={1000}
                  aria-describedby={`disclosure-threat-hint${errors.emergencyThreat ? ' disclosure-threat-error' : ''}`}
                  aria-invalid={errors.emergencyThreat ? true : undefined}
                  value={threat}
                  onChange={(e) => setThreat(e.target.value)}
                />
              </FormGroup>
            )}
          </Fieldset>
        )}
        <ApiErrorAlert error={start.error} heading={t('exports.startFailed')} />
        <Button type="submit" disabled={start.isPending}>
          {releases ? t('exports.submitWithDisclosure') : t('exports.submit')}
        </Button>
      </Form>
    </section>
  );
}
