export * from './audit.ts';
export * from './identity.ts';
