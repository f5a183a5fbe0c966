// Bundles the CLI into one ESM file so `silkway` starts fast without a TypeScript loader.
import { build } from 'esbuild'

await build({
  entryPoints: { silkway: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM need a require().
  banner: { js: "import { createRequire as __silkwayCreateRequire } from 'node:module'; const require = __silkwayCreateRequire(import.meta.url);" },
})
