import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueParams } from '@forefront/contract';
import { ApiError } from './client';
import { type Translate, issueMessage } from './error-messages';

/** The parts of a zod issue we read; keeps this module free of a direct zod import. */
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
}
interface InputSchema {
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/**
 * Checks a form's input against the same contract schema the server uses, before sending it.
 * The answer has the server's error shape, so forms show both kinds of problems the same way;
 * the server still checks everything (and more: uniqueness, password rules).
 */
export function validateInput(schema: InputSchema, input: unknown, t: Translate): ApiError | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  return new ApiError(400, {
    code: 'client_validation',
    message: 'Some fields are not valid',
    // The same code and params the server would send for this input, said in the reader's language.
    issues: result.error.issues.map((i) => {
      const issue = {
        path: i.path.map(String).join('.'),
        code: i.code,
        params: issueParams(i as unknown as Record<string, unknown>),
      };
      return { ...issue, message: issueMessage(issue, t) };
    }),
  });
}

/** `check` records the problems (or clears them) and says whether the input may be sent. */
export function useClientValidation() {
  const { t } = useTranslation();
  const [invalid, setInvalid] = useState<ApiError | null>(null);
  const check = useCallback(
    (schema: InputSchema, input: unknown) => {
      const problem = validateInput(schema, input, t);
      setInvalid(problem);
      return problem === null;
    },
    [t],
  );
  return { invalid, check };
}
