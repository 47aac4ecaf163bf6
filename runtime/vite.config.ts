import path from 'node:path';
import { defineConfig } from 'vite';
import { webConfig } from './vite.shared';

export default defineConfig(webConfig({ appRoot: __dirname, base: '/', outDir: path.join(__dirname, 'build') }));
