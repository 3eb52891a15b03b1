import { startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { queryClient } from './app/provider';
import { startRouter } from './app/router';
import { startSessionRestore } from './lib/auth/early-restore';
import { sessionStore } from './lib/auth/session-store';
import {
  clearCachedApiReplies,
  registerServiceWorker,
  whenFirstPageSettled,
} from './lib/offline/service-worker';
import './styles.css';

// The boot script (src/boot.ts) has usually done this already; the development server has none.
startSessionRestore();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
// Three tasks, not one: the modules run (this one), the router matches the address and asks for
// the page's code and data, then React renders. Each is short enough that a tap is answered between.
window.setTimeout(() => {
  startRouter();
  // As a transition: the first render (shell, page) goes in slices that leave the main thread free
  // between them; the boot shell from index.html stays until it is complete.
  window.setTimeout(() => startTransition(() => createRoot(container).render(<App />)), 0);
}, 0);

// The service worker's install downloads the whole app: not while the first page still loads.
whenFirstPageSettled(
  () => queryClient.isFetching() > 0,
  () => void registerServiceWorker(),
);
// The phone's copies of API replies are this person's view: they go when the session ends.
sessionStore.subscribe(() => {
  if (sessionStore.getState().status === 'signed-out') void clearCachedApiReplies();
});
