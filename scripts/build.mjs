// Bundles the CLI into one ESM file so `silkway` starts fast without a TypeScript loader, then builds the web
// app (web/, Vite) into dist/web, which `silkway serve` serves at `/`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

await build({
  // The sweep's and the server's analysis worker threads load their own entries, resolved beside the bundle
  // (src/workers/sweep-pool.ts, src/server/compute/pool.ts).
  entryPoints: { silkway: 'src/cli/main.ts', 'sweep-worker': 'src/workers/sweep-worker.ts', 'analysis-worker': 'src/server/compute/worker.ts' },
  outdir: 'dist',
  // One chunk per command (loaded on demand by src/cli/main.ts), so a route query does not parse the server.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native (better-sqlite3), optional (pg) and file-serving (swagger-ui's static assets) packages load from
  // node_modules at run time, and only when `silkway serve` or `silkway token` needs them.
  // highs (its .wasm) and piscina (its worker script) find files beside their own code through __dirname.
  external: ['better-sqlite3', 'pg', '@fastify/swagger-ui', '@fastify/static', 'highs', 'piscina'],
  // CommonJS dependencies bundled into ESM need a require().
  banner: { js: "import { createRequire as __silkwayCreateRequire } from 'node:module'; const require = __silkwayCreateRequire(import.meta.url);" },
})

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
  let latest = 0
  const visit = (path) => {
    let stat
    try {
      stat = statSync(path)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry))
    } else latest = Math.max(latest, stat.mtimeMs)
  }
  for (const path of paths) visit(path)
  return latest
}

// The web build takes seconds; the test runner calls this script on every run, so skip it when nothing it
// reads changed since the last build (SILKWAY_WEB_BUILD=1 forces it, =0 skips it).
const stampFile = 'dist/web/.build-stamp'
const inputs = newest(['web', 'src/model', 'src/scenario', 'src/geo/sphere.ts', 'src/query', 'src/routing/schema.ts', 'src/routing/params.ts', 'package-lock.json', 'scripts/build.mjs'])
let stamp = 0
try {
  stamp = Number(readFileSync(stampFile, 'utf8'))
} catch {}
const force = process.env.SILKWAY_WEB_BUILD
if (force === '1' || (force !== '0' && !(stamp >= inputs))) {
  const started = Date.now()
  const { build: viteBuild } = await import('vite')
  await viteBuild({ configFile: 'web/vite.config.ts', logLevel: 'warn' })
  // Precompressed copies, served by @fastify/static to browsers that accept gzip.
  let raw = 0
  let gz = 0
  const compress = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) compress(path)
      else if (/\.(js|mjs|css|json|html|svg)$/.test(entry)) {
        const data = readFileSync(path)
        const packed = gzipSync(data, { level: 9 })
        raw += data.length
        gz += packed.length
        if (packed.length < data.length) writeFileSync(`${path}.gz`, packed)
      }
    }
  }
  compress('dist/web')
  writeFileSync(stampFile, String(inputs))
  console.log(`web app built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s (${(raw / 1e6).toFixed(2)} MB, ${(gz / 1e6).toFixed(2)} MB gzip)`)
}
