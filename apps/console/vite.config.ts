import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Everything is bundled (no CDN, system fonts); hashed file names let the api cache assets for a year.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/graphql': { target: 'http://localhost:3000', ws: true } } },
});
