import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Resolve from this file so `vite build` works from the repo root as well as from packages/web.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server serves these files with long cache lifetimes; hashed names make that safe.
    assetsDir: 'assets',
    // Hidden: made for error reports, referenced by no bundle and never served (server plugins/web.ts).
    sourcemap: 'hidden',
    // Read by scripts/chunk-report.mjs to report what each area of the app downloads.
    manifest: true,
    rolldownOptions: {
      output: {
        // Named vendor chunks: they change less often than our code (better caching), and the
        // build report shows at a glance what a public page pays for. react-uswds (+ focus-trap)
        // lands only in chunks the account and staff pages load.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/ },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            { name: 'contract', test: /node_modules[\\/]zod[\\/]|packages[\\/]contract[\\/]/ },
            { name: 'uswds-react', test: /node_modules[\\/](@trussworks|focus-trap|focus-trap-react|tabbable)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: process.env.FOREFRONT_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: process.env.FOREFRONT_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
