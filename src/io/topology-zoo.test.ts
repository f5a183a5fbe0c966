import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { formatIssues, parseGraphml } from './index'

// The shared data folder beside the repository; a user's clone has none, so these tests skip there.
const ZOO = new URL('../../../shared/data/topology-zoo/', import.meta.url)
const zooPath = fileURLToPath(ZOO)
const present = existsSync(ZOO)
const files = present ? readdirSync(ZOO).filter((name) => name.endsWith('.graphml')).sort() : []
const read = (name: string) => readFileSync(new URL(name, ZOO), 'utf8')

/** Parallel links: how many links share an unordered node pair with an earlier one. */
function parallelCount(links: Array<{ a: string; b: string }>): number {
  const seen = new Set<string>()
  let parallel = 0
  for (const { a, b } of links) {
    const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
    if (seen.has(pair)) parallel++
    seen.add(pair)
  }
  return parallel
}

describe('Internet Topology Zoo sweep', () => {
  if (!present) {
    it('reads every Topology Zoo file', (t) => {
      t.skip(`Topology Zoo not found at ${zooPath} (it lives in ../shared/data beside the repository): sweep skipped`)
    })
    return
  }

  it('ends every file loaded or failed with located errors, never thrown, keeping every node, edge and country', (t) => {
    let loaded = 0
    const failures: string[] = []
    const warnings = new Map<string, number>()
    const unknownCountries: string[] = []
    for (const name of files) {
      const text = read(name)
      const result = parseGraphml(text)
      for (const found of result.issues) {
        assert.notEqual(found.code, 'internal', `${name}: ${found.message}`)
        if (found.severity === 'warning') warnings.set(found.code, (warnings.get(found.code) ?? 0) + 1)
        if (found.code === 'unknown-country') unknownCountries.push(`${name}: ${found.message}`)
      }
      if (result.network) {
        loaded++
        assert.equal(result.network.nodes.length, text.match(/<node[\s>]/g)?.length ?? 0, `${name}: nodes`)
        assert.equal(result.network.links.length, text.match(/<edge[\s>]/g)?.length ?? 0, `${name}: edges`)
        continue
      }
      const errors = result.issues.filter((found) => found.severity === 'error')
      assert.ok(errors.length > 0, `${name}: no network and no error`)
      for (const found of errors) assert.ok(found.line !== undefined && found.path !== '', `${name}: unlocated error ${found.message}`)
      failures.push(formatIssues(errors, name))
    }
    assert.equal(loaded + failures.length, files.length)
    assert.deepEqual(unknownCountries, [], 'every Zoo Country name resolves to an ISO code')
    t.diagnostic(`${files.length} Topology Zoo files: ${loaded} loaded, ${failures.length} failed`)
    for (const failure of failures) t.diagnostic(failure.replace(/\n/g, ' | '))
    t.diagnostic(`warnings: ${[...warnings].map(([code, count]) => `${code} ×${count}`).join(', ')}`)
  })

  it('loads Geant2012 with its 40 nodes and 61 edges', () => {
    const result = parseGraphml(read('Geant2012.graphml'))
    assert.ok(result.network, formatIssues(result.issues))
    assert.equal(result.network.name, 'Geant2012')
    assert.equal(result.network.nodes.length, 40)
    assert.equal(result.network.links.length, 61)
    assert.equal(result.network.nodes.filter((node) => node.lat !== undefined).length, 37)
    assert.equal(result.issues.filter((found) => found.code === 'no-coordinates').length, 3)
    assert.ok(result.network.nodes.every((node) => node.country === undefined || /^[A-Z]{2}$/.test(node.country)))
  })

  it('keeps the parallel edges of multigraphs (Azrena, AttMpls)', () => {
    const azrena = parseGraphml(read('Azrena.graphml')).network
    assert.ok(azrena)
    assert.equal(azrena.nodes.length, 22)
    assert.equal(azrena.links.length, 25)
    assert.equal(parallelCount(azrena.links), 4)
    assert.ok(azrena.nodes.every((node) => node.lat === undefined), 'Azrena has no coordinates')
    const attMpls = parseGraphml(read('AttMpls.graphml')).network
    assert.ok(attMpls)
    assert.equal(parallelCount(attMpls.links), 1)
  })
})
