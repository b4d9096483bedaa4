import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API runs on its own port (pnpm dev in server/); the SPA proxies /trpc to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
  // The manifest (dist/.vite/manifest.json) maps source modules to chunks: bench/src/bundle-size.ts reads it.
  build: { sourcemap: true, chunkSizeWarningLimit: 600, manifest: true },
});
