import { ROUTE_CODE_META, routeModuleFor } from './app/route-code';
import { startSessionRestore } from './lib/auth/early-restore';
import { warmUpFormatters } from './lib/format';
import { whenIdle } from './lib/when-idle';

/*
 * The staff app's boot script: a few kilobytes that the page runs as soon as they arrive (an async
 * module script, put in index.html at build time), while React, the router and the page's code are
 * still downloading. On a phone that download is the long wait of a cold start; this uses it for
 * work that the page needs anyway and that needs none of that code:
 * - the session comes back (a round trip to the server), so the page's data can go out the moment
 *   its code has run;
 * - the code of the screen being opened is fetched alongside React, not after it (route-code.ts);
 * - the browser's locale data loads (the first date or number formatter costs a slow phone about a
 *   tenth of a second), in a task of its own when the main thread is idle, waiting for the network.
 * Keep it React-free: everything it imports delays it.
 */
startSessionRestore();
preloadRouteCode();
whenIdle(warmUpFormatters, 1000);

function preloadRouteCode(): void {
  const module = routeModuleFor(window.location.pathname);
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${ROUTE_CODE_META}"]`)?.content;
  if (!module || !content) return;
  let files: string[] | undefined;
  try {
    files = (JSON.parse(content) as Record<string, string[]>)[module];
  } catch {
    return;
  }
  for (const href of files ?? []) {
    // The router's own loading finds these links and does not fetch the files again.
    if (document.querySelector(`link[href="${href}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    link.crossOrigin = '';
    document.head.append(link);
  }
}
