import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiErrorAlert } from './api-error-alert';
import { Loading } from './loading';

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  loadingLabel?: string;
  errorHeading?: string;
  /** Rendered instead of children when the data is there but has nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The three states every list has besides showing data: loading, failed, and empty. */
export function QueryView<T>({ query, loadingLabel, errorHeading, isEmpty, empty, children }: QueryViewProps<T>) {
  if (query.isPending) return <Loading label={loadingLabel} />;
  if (query.isError) return <ApiErrorAlert error={query.error} heading={errorHeading} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
