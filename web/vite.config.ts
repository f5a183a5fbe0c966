import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { type Plugin, defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

/**
 * Hints in index.html for what the first draw needs beyond the entry's own imports: the map chunk (MapLibre, 1.1 MB)
 * and its imports, the 1:110m base map and MapLibre's worker. Without them each waits for the script that asks for
 * it (index.js → the map chunk → the base map and the worker), a chain of round trips and parses on the way to the
 * first draw (docs/web.md, "Measurements").
 */
function firstDrawHints(): Plugin {
  return {
    name: 'silkway-first-draw-hints',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return []
        const files = Object.values(bundle)
        const map = files.find((f) => f.type === 'chunk' && f.facadeModuleId?.endsWith('/map/MapView.tsx'))
        if (!map || map.type !== 'chunk') throw new Error('firstDrawHints: no chunk for web/src/map/MapView.tsx in the bundle')
        const asset = (name: string) => {
          const found = files.find((f) => f.type === 'asset' && f.originalFileNames.some((n) => n.endsWith(name)))
          if (!found) throw new Error(`firstDrawHints: no asset ${name} in the bundle`)
          return `/${found.fileName}`
        }
        const modules = [map.fileName, ...map.imports].filter((file) => !html.includes(`/${file}"`)).map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }))
        // fetch() asks in cors mode: a preload without crossorigin would not be used and the file fetched twice.
        const fetched = [asset('countries-110m.json'), asset('maplibre-gl-worker.mjs')].map((href) => ({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: true, href }, injectTo: 'head' as const }))
        return [...modules, ...fetched]
      },
    },
  }
}

/** The web app: built into dist/web, which `silkway serve` serves at `/` (src/server/static.ts). */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), firstDrawHints()],
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
