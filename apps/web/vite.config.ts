import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The API serves dist/web: index.html at `/`, hashed bundles under `/assets/`.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id: string) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'charts'
            : id.includes('node_modules/@fullcalendar') || id.includes('node_modules/preact')
              ? 'calendar'
              : undefined,
      },
    },
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` during development: API calls go to `npm start`'s port.
    proxy: { '^/(?!assets|@|src|node_modules|$).*': { target: 'http://127.0.0.1:3000', changeOrigin: true } },
  },
});
