import path from 'node:path';
import { defineConfig } from 'vite';
import { webConfig } from '../runtime/vite.shared';

/** The designer, served by the server at /designer/. */
export default defineConfig(webConfig({ appRoot: __dirname, base: '/designer/', outDir: path.join(__dirname, 'build') }));
