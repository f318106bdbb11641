import { useQuery } from '@tanstack/react-query';
import { TodoListSchema } from '@forefront/contract';
import { api } from '../../api/client';

/** The signed-in person's to-dos and the getting-started checklist (GET /api/districts/:id/todos). */
export function useTodos(districtId: string | null) {
  return useQuery({
    queryKey: ['districts', districtId, 'todos'],
    queryFn: ({ signal }) =>
      api.get(`/api/districts/${encodeURIComponent(districtId!)}/todos`, TodoListSchema, undefined, signal),
    enabled: districtId !== null,
    staleTime: 0,
  });
}
