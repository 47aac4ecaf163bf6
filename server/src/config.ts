/**
 * Server configuration, read once from the environment (or given directly by tests).
 * Nothing else in the server reads `process.env`.
 */
import path from 'node:path';

export interface ServerConfig {
  /** `sqlite:./data/jixiao.db` (default) or `mysql://user:pass@host:port/db`. */
  databaseUrl: string;
  port: number;
  /** Password given to the seeded `admin` user on first start. */
  adminPassword: string;
  /** True when JIXIAO_ADMIN_PASSWORD was not set (seeding then prints a warning). */
  adminPasswordIsDefault: boolean;
  /** Session lifetime; a session used after half its life is extended. */
  sessionTtlMs: number;
  /** Name of the session cookie. */
  sessionCookie: string;
  /** Mark the cookie `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* headers (behind a reverse proxy). */
  trustProxy: boolean;
  /** Largest JSON request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Login throttling: this many failures for one username+IP within the window → 429. */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** Built web apps: runtime at `/`, designer at `/designer/`. */
  runtimeDir: string;
  designerDir: string;
  /** Root of the repository (templates/ lives here). */
  repoRoot: string;
  /** Seed demo departments and demo users (besides admin) on first start. */
  seedDemo: boolean;
  /** Where uploaded attachments are stored (outside any web root). */
  filesDir: string;
  /** Largest attachment accepted, in bytes (default 20 MB). */
  uploadMaxBytes: number;
}

/** server/src (or server/dist) → repository root. */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const DEFAULT_ADMIN_PASSWORD = 'admin123';

function intEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid integer in environment: ${value}`);
  return n;
}

function boolEnv(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return value === '1' || value.toLowerCase() === 'true' || value.toLowerCase() === 'yes';
}

/** Defaults, overridden by `overrides`; tests call this with what they need. */
export function makeConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    databaseUrl: 'sqlite:./data/jixiao.db',
    port: 3000,
    adminPassword: DEFAULT_ADMIN_PASSWORD,
    adminPasswordIsDefault: true,
    sessionTtlMs: 12 * 60 * 60 * 1000,
    sessionCookie: 'jixiao_sid',
    secureCookies: false,
    trustProxy: false,
    bodyLimitBytes: 10 * 1024 * 1024,
    loginMaxFailures: 5,
    loginWindowMs: 15 * 60 * 1000,
    runtimeDir: path.join(REPO_ROOT, 'runtime', 'build'),
    designerDir: path.join(REPO_ROOT, 'designer', 'build'),
    repoRoot: REPO_ROOT,
    seedDemo: true,
    filesDir: path.resolve('data', 'files'),
    uploadMaxBytes: 20 * 1024 * 1024,
    ...overrides,
  };
}

/** Configuration from environment variables (DATABASE_URL, PORT, JIXIAO_*). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const adminPassword = env.JIXIAO_ADMIN_PASSWORD;
  return makeConfig({
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : 'sqlite:./data/jixiao.db',
    port: intEnv(env.PORT, 3000),
    adminPassword: adminPassword && adminPassword !== '' ? adminPassword : DEFAULT_ADMIN_PASSWORD,
    adminPasswordIsDefault: !adminPassword,
    sessionTtlMs: intEnv(env.JIXIAO_SESSION_HOURS, 12) * 60 * 60 * 1000,
    secureCookies: boolEnv(env.JIXIAO_SECURE_COOKIES, false),
    trustProxy: boolEnv(env.JIXIAO_TRUST_PROXY, false),
    seedDemo: boolEnv(env.JIXIAO_SEED_DEMO, true),
    uploadMaxBytes: intEnv(env.JIXIAO_UPLOAD_MAX_MB, 20) * 1024 * 1024,
    ...(env.JIXIAO_FILES_DIR ? { filesDir: path.resolve(env.JIXIAO_FILES_DIR) } : {}),
    ...(env.JIXIAO_RUNTIME_DIR ? { runtimeDir: path.resolve(env.JIXIAO_RUNTIME_DIR) } : {}),
    ...(env.JIXIAO_DESIGNER_DIR ? { designerDir: path.resolve(env.JIXIAO_DESIGNER_DIR) } : {}),
  });
}
