import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

/** The web app: built into dist/web, which `silkway serve` serves at `/` (src/server/static.ts). */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // The traffic parameter schemas the Traffic tab reads live beside the lazy HiGHS loader; the browser never runs it.
  resolve: { alias: { highs: fileURLToPath(new URL('./src/stubs/highs.ts', import.meta.url)) } },
  // Nothing is fetched from elsewhere at run time: fonts, the world map and the map's worker are files here.
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // maplibre-gl is one large module; it loads lazily, after the first paint.
    chunkSizeWarningLimit: 1200,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
