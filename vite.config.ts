import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The renderer: one page app in renderer/, built to dist/renderer. `base: './'`
 * makes every asset URL relative, so the same build loads from the
 * browser-mode host (http://127.0.0.1) and from Electron's app:// protocol.
 * The CSP allows scripts from 'self' only: no inline script, no eval.
 */
export default defineConfig(({ command }) => ({
  // A build is always the production React, even when started from a test runner that set NODE_ENV=test.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  root: path.join(ROOT, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(ROOT, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // The preload polyfill is not needed in Chromium and would be the only inline-ish helper.
    modulePreload: { polyfill: false },
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        // Grid and charts change rarely: separate chunks keep app rebuilds cheap to cache.
        manualChunks(id: string) {
          if (id.includes('node_modules/ag-grid')) return 'ag-grid';
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    // `vite` in dev talks to a running browser-mode host (AISPEND_HOST_URL, e.g. http://127.0.0.1:5174).
    proxy: process.env.AISPEND_HOST_URL ? { '/api': { target: process.env.AISPEND_HOST_URL, changeOrigin: true } } : undefined,
  },
}));
