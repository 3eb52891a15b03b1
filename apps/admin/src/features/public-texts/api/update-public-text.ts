import type { PublicTextCatalog, PublicTextEntry } from '@nsp/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { MutationConfig } from '../../../lib/query-client';
import { getPublicTextsQueryOptions } from './get-public-texts';

export interface UpdatePublicTextInput {
  key: string;
  language: string;
  text: string;
  /** The version read, when the text already exists in that language (412 when someone changed it since). */
  version?: number | undefined;
}

export function updatePublicText({ key, language, text, version }: UpdatePublicTextInput) {
  return api.request<PublicTextEntry>(
    'PUT',
    `/api/v1/public-texts/${encodeURIComponent(key)}/${encodeURIComponent(language)}`,
    { body: { text, ...(version !== undefined ? { version } : {}) } },
  );
}

export function useUpdatePublicText({
  mutationConfig,
}: {
  mutationConfig?: MutationConfig<typeof updatePublicText>;
} = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updatePublicText,
    onSuccess: (...args) => {
      const [entry, input] = args;
      // The saved row shows at once; nothing else changes with one text.
      queryClient.setQueryData(
        getPublicTextsQueryOptions().queryKey,
        (data: PublicTextCatalog | undefined) =>
          data
            ? {
                ...data,
                items: data.items.map((item) =>
                  item.key === input.key
                    ? { ...item, texts: { ...item.texts, [input.language]: entry } }
                    : item,
                ),
              }
            : data,
      );
      onSuccess?.(...args);
    },
  });
}
