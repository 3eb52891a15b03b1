import { describe, expect, it } from 'vitest';
import { ROUTE_MODULES, routeModuleFor } from './route-code';
import router from './router.tsx?raw';

/** The route modules on disk, as `./routes/<name>.tsx` (keys only: nothing is imported). */
const routeFiles = Object.keys(import.meta.glob('./routes/*.tsx'));

describe('the screens whose code the boot script fetches early', () => {
  it('knows an officer’s screens and the queue by their address, and nothing else', () => {
    expect(routeModuleFor('/')).toBe('src/app/routes/home.tsx');
    expect(routeModuleFor('/service-requests')).toBe('src/app/routes/service-requests.tsx');
    expect(routeModuleFor('/service-requests/')).toBe('src/app/routes/service-requests.tsx');
    expect(routeModuleFor('/service-requests/6f1c2d9e-0000-4000-8000-000000000001')).toBe(
      'src/app/routes/service-request.tsx',
    );
    // The intake form is another page at a look-alike address.
    expect(routeModuleFor('/service-requests/new')).toBeUndefined();
    expect(routeModuleFor('/service-requests/abc/edit')).toBeUndefined();
    expect(routeModuleFor('/neighborhoods')).toBeUndefined();
    expect(routeModuleFor('/login')).toBeUndefined();
  });

  it('names route modules that exist and that the router loads for those addresses', () => {
    for (const [, module] of ROUTE_MODULES) {
      expect(routeFiles, module).toContain(module.replace(/^src\/app\//, './'));
      const name = module.replace(/^src\/app\/routes\//, '').replace(/\.tsx$/, '');
      expect(router, module).toContain(`import('./routes/${name}')`);
    }
  });
});
