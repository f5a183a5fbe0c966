// Bundles the CLI into one ESM file so `silkway` starts fast without a TypeScript loader.
import { build } from 'esbuild'

await build({
  // The sweep's worker threads load their own entry, resolved beside the bundle (src/resilience/parallel/pool.ts).
  entryPoints: { silkway: 'src/cli/main.ts', 'sweep-worker': 'src/resilience/parallel/sweep-worker.ts' },
  outdir: 'dist',
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
