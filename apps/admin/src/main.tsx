import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startSessionRestore } from './lib/auth/restore-session';
import { sessionStore } from './lib/auth/session-store';
import { clearCachedApiReplies, registerServiceWorker } from './lib/offline/service-worker';
import './styles.css';

// Before the first render: the session comes back while the page's code is still on its way.
startSessionRestore();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
createRoot(container).render(<App />);

void registerServiceWorker();
// The phone's copies of API replies are this person's view: they go when the session ends.
sessionStore.subscribe(() => {
  if (sessionStore.getState().status === 'signed-out') void clearCachedApiReplies();
});
