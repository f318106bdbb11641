import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { issueMessage } from '../api/error-messages';
import { Alert } from './alert';

/**
 * Shows what went wrong in the reader's language, from the error's code (never the server's
 * English message, which is for API clients). Field-level issues are listed too, because a field
 * the form does not show (or a nested path) would otherwise be invisible.
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
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError ? apiError.describe(t) : t('errors.unexpected');
  const otherIssues = apiError?.issues.filter((i) => !shownFields.includes(i.path)) ?? [];
  /** A field's label when the app has one ("fields.email"), else the message alone: a path means nothing to a reader. */
  const labelOf = (path: string) => {
    const key = `fields.${path.split('.').at(-1) ?? ''}`;
    return i18n.exists(key) ? t(key) : null;
  };
  return (
    <Alert type="error" heading={heading ?? t('errors.heading')} live>
      <p className="margin-0">{message}</p>
      {otherIssues.length > 0 && (
        <ul>
          {otherIssues.map((issue, index) => {
            const text = issueMessage(issue, t);
            const label = labelOf(issue.path);
            return (
              <li key={`${issue.path}:${index}`}>
                {label ? t('validation.fieldLabel', { field: label, message: text }) : text}
              </li>
            );
          })}
        </ul>
      )}
    </Alert>
  );
}
