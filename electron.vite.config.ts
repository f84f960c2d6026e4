import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// `npm run build` (electron-vite build): main and preload as CommonJS (package.json has no
// "type": "module"), dependencies left external (sqlite3 is native and loads from node_modules),
// and the renderer into out/renderer, which the station serves to the window and to browsers.
// `npm run build:web` builds the same renderer with renderer/vite.config.mts, without Electron.
const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The import worker (electron/station/ingest/prepare-off-thread.ts) loads this beside index.js.
          'prepare-worker': resolve(root, 'electron/station/ingest/prepare-worker.ts'),
        },
        output: { format: 'cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
