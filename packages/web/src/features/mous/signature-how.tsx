import { useTranslation } from 'react-i18next';
import type { MouSignatureMethod } from '@forefront/contract';
import { ApiError } from '../../api/client';
import { Alert } from '../../components/alert';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { formatDate } from '../../components/format';

/**
 * Who signed and how, in the reader's language: electronically by the signatory (own account or
 * one-time link), or from paper and recorded by whom. The same facts as the PDF's sentence.
 */
export function SignatureHow({
  sig,
}: {
  sig: {
    method: MouSignatureMethod;
    signedName: string;
    signedAt: string;
    recordedByName: string | null;
    signerEmail?: string | null;
  };
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t(`signatures.method.${sig.method}`, {
        name: sig.signedName,
        date: formatDate(sig.signedAt.slice(0, 10), i18n.language),
        by: sig.recordedByName ?? t('signatures.someStaff'),
        email: sig.signerEmail ?? '',
      })}
    </>
  );
}

/** The error codes of the signing routes, shown in the reader's language; others as the server words them. */
export const SIGNING_ERROR_CODES = [
  'sign_as_yourself',
  'signatory_email_missing',
  'signatory_has_account',
  'signing_link_invalid',
  'signing_code_expired',
  'signing_code_wrong',
  'too_many_requests',
  'scan_missing',
  'scan_too_large',
  'scan_type_not_allowed',
  'mail_failed',
] as const;

export function SigningErrorAlert({ error, heading }: { error: unknown; heading?: string }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (SIGNING_ERROR_CODES as readonly string[]).includes(error.code))
    return (
      <Alert type="error" heading={heading ?? t('errors.heading')} live>
        <p className="margin-0">{t(`signatures.errors.${error.code}`)}</p>
      </Alert>
    );
  return <ApiErrorAlert error={error} heading={heading} />;
}
