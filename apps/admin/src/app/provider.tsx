import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { createQueryClient } from '../lib/query-client';

/** The app's one query cache: the router's loaders start a page's replies into it (app/prefetch.ts). */
export const queryClient = createQueryClient();

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </StrictMode>
  );
}
