/**
 * Vite settings shared by the runtime, the designer and the browser-test harness (STACK.md):
 * React plugin, the `~` alias used by @formily/antd's .less files, less with inline JS for the
 * antd 4 theme, and workspace packages resolved to their TypeScript sources.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const root = path.resolve(__dirname, '..');

export interface WebConfigOptions {
  /** Folder holding index.html. */
  appRoot: string;
  /** Public base path ('/' for the runtime, '/designer/' for the designer). */
  base: string;
  /** Output folder (absolute). */
  outDir: string;
}

export function webConfig(opts: WebConfigOptions): UserConfig {
  return {
    root: opts.appRoot,
    base: opts.base,
    plugins: [react()],
    resolve: {
      alias: [
        { find: /^@jixiao\/engine$/, replacement: path.join(root, 'engine/src/index.ts') },
        { find: /^@jixiao\/runtime$/, replacement: path.join(root, 'runtime/src/index.ts') },
        { find: /^~(.*)$/, replacement: '$1' },
      ],
    },
    css: { preprocessorOptions: { less: { javascriptEnabled: true } } },
    build: {
      outDir: opts.outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4096,
    },
    logLevel: 'warn',
  };
}
