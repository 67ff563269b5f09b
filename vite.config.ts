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
        // Grid and charts change rarely: separate chunks keep app rebuilds cheap to cache. React's group
        // ranks first: a group takes its modules' dependencies too, and with the grid's group matched
        // first React landed in the grid's chunk, so the first paint waited for a megabyte of grid code.
        codeSplitting: {
          groups: [
            // Zod with the renderer's zod-setup (jitless: the CSP forbids eval), so every chunk that uses zod
            // runs the setup before any schema of its own parses.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|renderer[\\/]src[\\/]zod-setup\.ts$/, priority: 4 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 2 },
            { name: 'ag-grid', test: /node_modules[\\/](ag-grid-community|ag-grid-react|ag-stack)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // `vite` in dev talks to a running browser-mode host (AISPEND_HOST_URL, e.g. http://127.0.0.1:5174).
    proxy: process.env.AISPEND_HOST_URL ? { '/api': { target: process.env.AISPEND_HOST_URL, changeOrigin: true } } : undefined,
  },
}));
