import path from 'node:path';
import { defineConfig } from 'vite';
import { webConfig } from '../../vite.shared';

/** The harness page, built to test-artifacts/harness (used by the browser tests and the bench). */
export default defineConfig(
  webConfig({ appRoot: __dirname, base: './', outDir: path.resolve(__dirname, '../../../test-artifacts/harness') }),
);
