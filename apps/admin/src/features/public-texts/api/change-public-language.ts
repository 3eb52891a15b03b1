import type { PublicLanguage } from '@nsp/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import { PUBLIC_TEXTS_QUERY_KEY } from './get-public-texts';

export interface NewPublicLanguage {
  code: string;
  name: string;
  englishName: string;
}

export function createPublicLanguage(language: NewPublicLanguage): Promise<PublicLanguage> {
  return api.post<PublicLanguage>('/api/v1/public-languages', language);
}

export interface PublicLanguageChange {
  code: string;
  version: number;
  enabled?: boolean;
}

export function updatePublicLanguage({ code, ...changes }: PublicLanguageChange): Promise<PublicLanguage> {
  return api.patch<PublicLanguage>(`/api/v1/public-languages/${encodeURIComponent(code)}`, changes);
}

export function useCreatePublicLanguage(config: MutationConfig<typeof createPublicLanguage> = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = config;
  return useMutation({
    ...rest,
    mutationFn: createPublicLanguage,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: PUBLIC_TEXTS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}

export function useUpdatePublicLanguage(config: MutationConfig<typeof updatePublicLanguage> = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = config;
  return useMutation({
    ...rest,
    mutationFn: updatePublicLanguage,
    onSuccess: (...args) => {
      void queryClient.invalidateQueries({ queryKey: PUBLIC_TEXTS_QUERY_KEY });
      onSuccess?.(...args);
    },
  });
}
