import { startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startSessionRestore } from './lib/auth/restore-session';
import { sessionStore } from './lib/auth/session-store';
import { warmUpFormatters } from './lib/format';
import { clearCachedApiReplies, registerServiceWorker } from './lib/offline/service-worker';
import './styles.css';

// Before the first render: the session comes back while the page's code is still on its way.
startSessionRestore();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
// As a transition: the first render (router, shell, page) goes in slices that leave the main thread
// free between them; the boot shell from index.html stays until it is complete.
startTransition(() => createRoot(container).render(<App />));
// While the session comes back over the network, the main thread has time for a one-off cost that
// would otherwise land on the page's first render: the browser's locale data, loaded when the first
// date or number formatter is built.
window.setTimeout(warmUpFormatters, 0);

void registerServiceWorker();
// The phone's copies of API replies are this person's view: they go when the session ends.
sessionStore.subscribe(() => {
  if (sessionStore.getState().status === 'signed-out') void clearCachedApiReplies();
});
