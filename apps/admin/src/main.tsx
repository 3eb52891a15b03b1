import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { sessionStore } from './lib/auth/session-store';
import { clearCachedApiReplies, registerServiceWorker } from './lib/offline/service-worker';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
createRoot(container).render(<App />);

void registerServiceWorker();
// The phone's copies of API replies are this person's view: they go when the session ends.
sessionStore.subscribe(() => {
  if (sessionStore.getState().status === 'signed-out') void clearCachedApiReplies();
});
