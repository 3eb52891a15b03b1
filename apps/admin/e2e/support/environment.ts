/** What the global setup hands every journey (through vitest's provide/inject). */
export interface DemoCredential {
  role: 'admin' | 'supervisor' | 'lieutenant' | 'staff' | 'analyst';
  email: string;
  password: string;
}

export interface E2eEnvironment {
  /** Where the API serves both `/api/v1/...` and the built admin app. */
  baseUrl: string;
  /** The bootstrap administrator created from NSP_ADMIN_EMAIL / NSP_ADMIN_PASSWORD. */
  admin: { email: string; password: string };
  /** The demo users the API seeded (NSP_DATA_DIR/demo-credentials.json). */
  demoUsers: DemoCredential[];
  /** Folder for screenshots, kept as test artifacts. */
  screenshotDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    nsp: E2eEnvironment;
  }
}
