// Writes the generated reference docs from their single sources: the JSON Schemas of silkway's documents
// (TypeBox declarations) to docs/schema/, and the error-code table to docs/errors.md.
// `npm run schema`; tests check the committed files are current.
import { mkdirSync, writeFileSync } from 'node:fs'
import { errorCodesMarkdown, schemaDocuments } from '../src/model/documents'

mkdirSync('docs/schema', { recursive: true })
for (const [file, schema] of Object.entries(schemaDocuments())) {
  writeFileSync(`docs/schema/${file}`, `${JSON.stringify(schema, null, 2)}\n`)
  process.stdout.write(`wrote docs/schema/${file}\n`)
}
writeFileSync('docs/errors.md', errorCodesMarkdown())
process.stdout.write('wrote docs/errors.md\n')
