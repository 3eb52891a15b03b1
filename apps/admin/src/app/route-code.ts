/**
 * The screens whose code the boot script fetches as the page starts (src/boot.ts), by the route
 * module each address opens: an officer's phone screens and the queue. Without this, a page's code
 * is asked for only once React and the router have arrived and run, one more wait on a weak signal.
 * The build (vite.config.ts) writes the files each module needs into index.html. The paths here
 * follow app/router.tsx; a path missing here loads as before, just later.
 */
export const ROUTE_MODULES: readonly (readonly [pattern: RegExp, module: string])[] = [
  [/^\/$/, 'src/app/routes/home.tsx'],
  [/^\/service-requests\/?$/, 'src/app/routes/service-requests.tsx'],
  [/^\/service-requests\/(?!new\/?$)[^/]+\/?$/, 'src/app/routes/service-request.tsx'],
];

/** The route module that `pathname` opens, when it is one of ROUTE_MODULES. */
export function routeModuleFor(pathname: string): string | undefined {
  return ROUTE_MODULES.find(([pattern]) => pattern.test(pathname))?.[1];
}

/** Where the build puts the map of route module → files (a meta element of index.html). */
export const ROUTE_CODE_META = 'nsp-route-code';
