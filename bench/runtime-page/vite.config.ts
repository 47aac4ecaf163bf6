import path from 'node:path';
import { defineConfig } from 'vite';
import { webConfig } from '../../runtime/vite.shared';

/** The runtime benchmark page; built to $JIXIAO_BENCH_PAGE_OUT (bench/runtime.js sets a temp dir). */
export default defineConfig(
  webConfig({ appRoot: __dirname, base: './', outDir: process.env.JIXIAO_BENCH_PAGE_OUT ?? path.resolve(__dirname, '../../test-artifacts/bench-runtime-page') }),
);
