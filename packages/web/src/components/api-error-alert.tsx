import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { Alert } from './alert';

/**
 * Shows what went wrong in the server's own words. Field-level issues are listed too, because
 * a field the form does not show (or a nested path) would otherwise be invisible.
 */
export function ApiErrorAlert({
  error,
  heading,
  shownFields = [],
}: {
  error: unknown;
  heading?: string;
  shownFields?: string[];
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError ? messageFor(apiError, t) : t('errors.unexpected');
  const otherIssues = apiError?.issues.filter((i) => !shownFields.includes(i.path)) ?? [];
  return (
    <Alert type="error" heading={heading ?? t('errors.heading')} live>
      <p className="margin-0">{message}</p>
      {otherIssues.length > 0 && (
        <ul>
          {otherIssues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? `${issue.path}: ${issue.message}` : issue.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function messageFor(error: ApiError, t: (key: string) => string): string {
  // Only the errors we produce ourselves are translated; the server's messages are shown as sent.
  if (error.code === 'network_error') return t('errors.network');
  if (error.code === 'invalid_response') return t('errors.invalidResponse');
  if (error.code === 'client_validation') return t('errors.checkFields');
  if (error.code === 'offense_not_alleged') return t('referrals.errors.offenseNotAlleged');
  // An export of student records started without its FERPA 99.32 disclosure (job.service.ts).
  if (error.code === 'disclosure_required') return t('exports.errors.disclosureRequired');
  // The server refuses NUL bytes and broken surrogates anywhere (plugins/input-text.ts): say it in the reader's language.
  if (error.code === 'invalid_characters') return t('hardening.errors.invalidCharacters');
  return error.message;
}
