export * from './audit.ts';
export * from './identity.ts';
export * from './jobs.ts';
export * from './neighborhoods.ts';
export * from './personnel.ts';
export * from './service-requests.ts';
export * from './notifications.ts';
