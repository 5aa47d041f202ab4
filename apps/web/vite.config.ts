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
    // ECharts alone is ~540 kB; it and FullCalendar load only with the pages that use them.
    chunkSizeWarningLimit: 1500,
  },
});
