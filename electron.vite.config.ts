import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          // A worker thread of detection runs (detect/engine/signInWorkers.ts looks for it beside the code that starts it).
          signInWorker: resolve(root, 'main/core/detect/engine/signInWorker.ts'),
        },
        // Shared chunks beside the entries, not in a subfolder: code in a chunk finds signInWorker.js beside itself.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Sandboxed preloads cannot be ES modules.
      rolldownOptions: {
        input: { preload: resolve(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      modulePreload: { polyfill: false },
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
