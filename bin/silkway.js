#!/usr/bin/env node
// The CLI is bundled into dist/ by `npm ci` (prepare) or `npm run build`.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = new URL('../dist/silkway.js', import.meta.url)
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('silkway: the CLI is not built yet; run `npm ci` or `npm run build` in the silkway folder.\n')
  process.exit(70)
}
await import(bundle.href)
