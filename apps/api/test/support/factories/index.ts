/**
 * Test data for the API tests. `insert*` writes rows straight into the tables (for tests that must not
 * depend on other routes: jobs, statistics, staffing); `create*` goes through the HTTP API as a client
 * would and checks the reply. Every value that must be unique is unique per call; nothing depends on
 * other tests' data or on demo data.
 */
export * from './api-clients.ts';
export * from './geography.ts';
export * from './neighborhoods.ts';
export * from './personnel.ts';
export * from './service-requests.ts';
export * from './service-types.ts';
export * from './unique.ts';
export * from './users.ts';
