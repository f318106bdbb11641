import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, FormGroup, Label, Radio, Textarea } from '@trussworks/react-uswds';
import { PROTOCOLS, type Protocol, type ThreatSettings } from '@forefront/contract';
import { issueOf } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { FieldError, TextField, useFocusFirstError } from '../../components/form-fields';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useCurrentMe } from '../staff/me-context';
import { useSaveThreatSettings, useThreatSettings } from './threat.api';

/** The district's protocol, its law-enforcement threshold (written before any case needs it), equity settings. */
export function ThreatSettingsPage() {
  const { t } = useTranslation();
  const district = useCurrentMe().district!;
  const settings = useThreatSettings(district.id);
  return (
    <section className="usa-section">
      <PageTitle>{t('threat.settings.title')}</PageTitle>
      <p className="usa-intro">{t('threat.settings.intro', { district: district.name })}</p>
      <QueryView query={settings} loadingLabel={t('threat.settings.loading')} errorHeading={t('threat.loadError')}>
        {(s) => <SettingsForm settings={s} />}
      </QueryView>
    </section>
  );
}

function SettingsForm({ settings }: { settings: ThreatSettings }) {
  const { t, i18n } = useTranslation();
  const save = useSaveThreatSettings(settings.districtId);
  const [protocol, setProtocol] = useState<Protocol>(settings.protocol);
  const [leThreshold, setLeThreshold] = useState(settings.leThreshold);
  const [equityThreshold, setEquityThreshold] = useState(String(settings.equityThreshold));
  const [equityPublic, setEquityPublic] = useState(settings.equityPublic);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, save.error);
  const leError = issueOf(save.error, 'leThreshold');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ protocol, leThreshold, equityThreshold: Number(equityThreshold), equityPublic });
  };
  return (
    <form ref={form} className="usa-form usa-form--large" onSubmit={onSubmit}>
      {!settings.leThreshold && (
        <Alert type="warning" heading={t('threat.settings.noThresholdHeading')}>
          {t('threat.settings.noThreshold')}
        </Alert>
      )}
      {save.isSuccess && <Alert type="success" heading={t('threat.settings.saved')} live slim />}
      {save.isError && <ApiErrorAlert error={save.error} shownFields={['leThreshold', 'equityThreshold']} />}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">{t('threat.settings.protocol')}</legend>
        {PROTOCOLS.map((p) => (
          <Radio
            key={p}
            id={`protocol-${p}`}
            name="protocol"
            value={p}
            tile
            checked={protocol === p}
            onChange={() => setProtocol(p)}
            label={t(`threat.protocols.${p}`)}
            labelDescription={t(`threat.settings.protocolExplained.${p}`)}
          />
        ))}
        <p className="usa-hint">{t('threat.settings.protocolChange')}</p>
      </fieldset>
      <FormGroup error={!!leError}>
        <Label htmlFor="le-threshold" error={!!leError}>
          {t('threat.settings.leThreshold')}
        </Label>
        <div className="usa-hint" id="le-threshold-hint">
          {t('threat.settings.leThresholdHint')}
        </div>
        {leError && <FieldError id="le-threshold-error">{leError}</FieldError>}
        <Textarea
          id="le-threshold"
          name="leThreshold"
          required
          maxLength={2000}
          value={leThreshold}
          onChange={(e) => setLeThreshold(e.target.value)}
          aria-describedby={`le-threshold-hint${leError ? ' le-threshold-error' : ''}`}
          aria-invalid={leError ? true : undefined}
        />
      </FormGroup>
      <TextField
        id="equity-threshold"
        type="number"
        inputMode="decimal"
        min={1}
        max={10}
        step={0.1}
        label={t('threat.settings.equityThreshold')}
        hint={t('threat.settings.equityThresholdHint')}
        value={equityThreshold}
        onChange={(e) => setEquityThreshold(e.target.value)}
        error={issueOf(save.error, 'equityThreshold')}
      />
      <Checkbox
        id="equity-public"
        name="equityPublic"
        className="margin-top-3"
        checked={equityPublic}
        onChange={(e) => setEquityPublic(e.target.checked)}
        label={t('threat.settings.equityPublic')}
        labelDescription={t('threat.settings.equityPublicHint')}
        tile
      />
      {settings.updatedAt && (
        <p className="usa-hint">
          {t('threat.settings.updatedAt', { when: formatDateTime(settings.updatedAt, i18n.language) })}
        </p>
      )}
      <Button type="submit" disabled={save.isPending}>
        {t('threat.settings.save')}
      </Button>
    </form>
  );
}
