export * from './auth.ts';
export * from './auth-routes.ts';
export * from './common.ts';
export * from './operations.ts';
export * from './route.ts';
