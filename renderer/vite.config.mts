import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer on its own, for the station to serve to browsers (npm run build:web).
// electron.vite.config.ts builds the same root for the desktop window.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer', // relative to root
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
