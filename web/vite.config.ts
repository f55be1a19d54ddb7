import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app lives in web/ and builds to web/dist, which the Fastify server serves (server/src/app.ts).
// The public folder is the default (web/public): `react-dsfr copy-static-assets --projectDir web` copies the
// DSFR's CSS, fonts and icons into web/public/dsfr (git-ignored, refreshed at `npm install`).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: which chunks each page needs (the bench's web row reads it).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/dev/api': 'http://localhost:3000',
    },
  },
});
