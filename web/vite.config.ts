import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API the dev server (and `vite preview`) forwards /api to; another port for a second server.
const apiTarget = process.env.KONTAKT_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', manifest: true, sourcemap: false, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': apiTarget } },
  preview: { proxy: { '/api': apiTarget } },
});
