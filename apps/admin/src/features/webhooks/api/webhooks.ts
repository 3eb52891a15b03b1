import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { fetchAllPages } from '../../../lib/pagination';
import type { MutationConfig } from '../../../lib/query-client';
import type {
  CreatedWebhookSubscription,
  CreateWebhookSubscriptionBody,
  UpdateWebhookSubscriptionBody,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookSubscription,
} from '../types';

export const WEBHOOKS_QUERY_KEY = ['webhooks'] as const;

export function getWebhooksQueryOptions() {
  return queryOptions({
    queryKey: [...WEBHOOKS_QUERY_KEY, 'list'],
    queryFn: ({ signal }) =>
      fetchAllPages<WebhookSubscription>(api, '/api/v1/webhooks', { query: { limit: 500 }, signal }),
  });
}

export function useWebhooks() {
  return useQuery(getWebhooksQueryOptions());
}

export function getDeliveriesQueryOptions(subscriptionId: string) {
  return queryOptions({
    queryKey: [...WEBHOOKS_QUERY_KEY, subscriptionId, 'deliveries'],
    queryFn: ({ signal }) =>
      api.get<{ items: WebhookDelivery[]; nextCursor: string | null }>(
        `/api/v1/webhooks/${encodeURIComponent(subscriptionId)}/deliveries`,
        { query: { limit: 100 }, signal },
      ),
  });
}

export function useDeliveries(subscriptionId: string) {
  return useQuery(getDeliveriesQueryOptions(subscriptionId));
}

function useInvalidatingMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  mutationConfig?: MutationConfig<(input: TInput) => Promise<TResult>>,
) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: mutationFn as (input: TInput) => Promise<Awaited<TResult>>,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: WEBHOOKS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}

export const createWebhook = (input: CreateWebhookSubscriptionBody) =>
  api.post<CreatedWebhookSubscription>('/api/v1/webhooks', input);
export const updateWebhook = ({ id, ...body }: UpdateWebhookSubscriptionBody & { id: string }) =>
  api.patch<WebhookSubscription>(`/api/v1/webhooks/${encodeURIComponent(id)}`, body);
export const testWebhook = ({ id }: { id: string }) =>
  api.post<WebhookDeliveryDetail>(`/api/v1/webhooks/${encodeURIComponent(id)}/test`);
export const replayDelivery = ({ id }: { id: string }) =>
  api.post<WebhookDelivery>(`/api/v1/webhook-deliveries/${encodeURIComponent(id)}/replay`);

export const useCreateWebhook = (config?: MutationConfig<typeof createWebhook>) =>
  useInvalidatingMutation(createWebhook, config);
export const useUpdateWebhook = (config?: MutationConfig<typeof updateWebhook>) =>
  useInvalidatingMutation(updateWebhook, config);
export const useTestWebhook = (config?: MutationConfig<typeof testWebhook>) =>
  useInvalidatingMutation(testWebhook, config);
export const useReplayDelivery = (config?: MutationConfig<typeof replayDelivery>) =>
  useInvalidatingMutation(replayDelivery, config);
