import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on its own port (pnpm dev in server/); the SPA proxies /trpc to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
  // The manifest (dist/.vite/manifest.json) maps source modules to chunks: bench/src/bundle-size.ts reads it.
  build: {
    sourcemap: true,
    // The initial chunk is some 660 KB minified (under 200 KB gzip, the bench's budget for the inbox).
    chunkSizeWarningLimit: 700,
    manifest: true,
    rolldownOptions: {
      output: {
        // Everything the entry loads at start in one chunk. Rolldown otherwise splits what the entry shares with lazy
        // pages into some 30 small chunks (Button, Input, …), each compressed on its own: 210 KB gzip for the inbox
        // instead of 197.5 KB, and more for every lazy page that loads them again by name.
        codeSplitting: { groups: [{ name: 'initial', tags: ['$initial'] }] },
      },
    },
  },
});
