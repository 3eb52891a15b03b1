import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import type { CreateServiceRequestBody, CreatedServiceRequest } from '../types';
import { SERVICE_REQUESTS_QUERY_KEY } from './get-service-requests';

export interface CreateServiceRequestInput {
  body: CreateServiceRequestBody;
  /**
   * One key per intake: a retry after a lost reply (the call may have gone through) returns the
   * first request instead of filing the caller's problem twice.
   */
  idempotencyKey: string;
}

export function createServiceRequest({ body, idempotencyKey }: CreateServiceRequestInput) {
  return api.post<CreatedServiceRequest>('/api/v1/service-requests', body, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useCreateServiceRequest({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof createServiceRequest>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: createServiceRequest,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: SERVICE_REQUESTS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
