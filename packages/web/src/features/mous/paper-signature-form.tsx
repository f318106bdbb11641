import { Checkbox } from '@trussworks/react-uswds';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MouDetail, type MouSignatory, SIGNATURE_SCAN_MAX_BYTES } from '@forefront/contract';
import { SigningErrorAlert } from './signature-how';
import { useRecordPaper } from './signatures.api';

/**
 * Records a wet-ink signature: the staff member uploads the scanned page and is named as the one
 * who recorded it. The server checks the file's content, not its name; the accept list only helps
 * the file picker.
 */
export function PaperSignatureForm({
  mou,
  signatory,
  onDone,
}: {
  mou: MouDetail;
  signatory: MouSignatory;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordPaper(mou.id);
  const version = mou.versions[0]!.version;
  const [scan, setScan] = useState<File | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!scan) return setMissing(true);
    setMissing(false);
    record.mutate({ signatoryId: signatory.id, version, scan }, { onSuccess: onDone });
  };
  return (
    <form
      className="usa-form usa-form--large border-1px border-base-lighter padding-2 margin-y-3"
      onSubmit={submit}
      aria-labelledby="paper-heading"
      noValidate
    >
      <h3 id="paper-heading">{t('signatures.paperHeading', { name: signatory.name, version })}</h3>
      <p>{t('signatures.paperIntro', { mb: SIGNATURE_SCAN_MAX_BYTES / 1024 / 1024 })}</p>
      {record.isError && <SigningErrorAlert error={record.error} />}
      <div className={`usa-form-group${missing ? ' usa-form-group--error' : ''}`}>
        <label className="usa-label" htmlFor="paper-scan">
          {t('signatures.scanLabel')}
        </label>
        <span className="usa-hint" id="paper-scan-hint">
          {t('signatures.scanHint', { mb: SIGNATURE_SCAN_MAX_BYTES / 1024 / 1024 })}
        </span>
        {missing && (
          <span className="usa-error-message" id="paper-scan-error" role="alert">
            {t('signatures.errors.scan_missing')}
          </span>
        )}
        <input
          className="usa-file-input"
          id="paper-scan"
          name="scan"
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          aria-describedby={missing ? 'paper-scan-hint paper-scan-error' : 'paper-scan-hint'}
          aria-invalid={missing || undefined}
          onChange={(e) => setScan(e.target.files?.[0] ?? null)}
        />
      </div>
      <Checkbox
        id="paper-confirm"
        name="confirm"
        className="margin-y-2"
        label={t('signatures.paperConfirm', { name: signatory.name, version })}
        checked={confirmed}
        onChange={(e) => setConfirmed(e.target.checked)}
      />
      <button type="submit" className="usa-button" disabled={!confirmed || record.isPending}>
        {t('signatures.paperSubmit')}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={onDone}>
        {t('mous.cancel')}
      </button>
    </form>
  );
}
