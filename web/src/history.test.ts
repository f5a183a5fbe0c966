import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Network, Scenario } from '../../src/model'
import { diffDocuments } from '../../src/store/diff'
import { countsText, describeDiff, diffContext, isoDateTime } from './history'

// The diffs here are the server's own (diffDocuments, what GET …/revisions returns), not hand-written entries.
//   baku ── bt ── tbilisi        aktau (no link yet)
const before: Network = {
  schemaVersion: 2,
  sources: [{ id: 's1', title: 'Operator press release' }],
  nodes: [
    { id: 'baku', name: 'Baku', kind: 'city', country: 'AZ', lat: 40.4093, lon: 49.8671 },
    { id: 'tbilisi', name: 'Tbilisi', kind: 'city', country: 'GE', lat: 41.7151, lon: 44.8271 },
    { id: 'aktau', name: 'Aktau', kind: 'city', country: 'KZ', lat: 43.65, lon: 51.17 },
  ],
  links: [{ id: 'bt', a: 'baku', b: 'tbilisi', kind: 'terrestrial', lengthKm: 300, sources: ['s1'] }],
}

const describe = (a: unknown, b: unknown, ...networks: Network[]) => describeDiff(diffDocuments(a, b), diffContext(...networks))

test('a node moved is one line with the distance, not two coordinate changes', () => {
  const after = structuredClone(before)
  after.nodes[2].lat = 43.669
  after.nodes[2].lon = 51.17
  const d = describe(before, after, after)
  assert.equal(d.lines.length, 1)
  // 0.019° of latitude is 2.1 km on the mean sphere (111.2 km a degree).
  assert.equal(d.lines[0].text, 'moved Aktau 2.1 km (43.6500, 51.1700 → 43.6690, 51.1700)')
  assert.deepEqual(d.counts, { added: 0, removed: 0, changed: 1 })
})

test('a link added names its ends, length, kind and operators; a length change reads old → new km', () => {
  const after = structuredClone(before)
  after.links.push({ id: 'ba', a: 'baku', b: 'aktau', kind: 'submarine', lengthKm: 380, operators: ['TCFO'], status: 'under-construction' })
  after.links[0].lengthKm = 380
  const d = describe(before, after, after)
  assert.deepEqual(
    d.lines.map((l) => l.text),
    ['changed length of Baku – Tbilisi 300 → 380 km', 'added link Baku – Aktau (380 km, submarine, under construction, TCFO)'],
  )
  assert.equal(countsText(d.counts), '1 added, 1 changed')
})

test('several fields of one record are one line; a source added and a record removed count once each', () => {
  const after = structuredClone(before)
  after.links[0] = { ...after.links[0], name: 'Baku–Tbilisi trunk', status: 'planned', operators: ['AzerTelecom'], sources: ['s1', 's2'] }
  after.sources?.push({ id: 's2', title: 'Ministry statement' })
  after.nodes.splice(1, 1)
  const d = describe(before, after, before)
  const texts = d.lines.map((l) => l.text)
  assert.ok(texts.includes('removed node Tbilisi (city, GE)'), texts.join('\n'))
  assert.ok(texts.includes('added source s2 (“Ministry statement”)'), texts.join('\n'))
  const link = texts.find((t) => t.startsWith('changed link'))
  assert.ok(link?.includes('status in service → planned') || link?.includes('status set to planned'), link)
  assert.ok(link?.includes('operators set to AzerTelecom'), link)
  assert.ok(link?.includes('sources: added s2'), link)
  assert.deepEqual(d.counts, { added: 1, removed: 1, changed: 1 })
})

test('a scenario whose changes are added whole is read change by change, with the counts of those changes', () => {
  const empty: Scenario = { schemaVersion: 2, name: 'tcfo' }
  const five: Scenario = {
    ...empty,
    changes: {
      addNodes: [{ id: 'turkmenbashi', name: 'Turkmenbashi', kind: 'landing-station', country: 'TM', lat: 40.02, lon: 52.96 }],
      addLinks: [{ id: 'bk', a: 'baku', b: 'turkmenbashi', kind: 'submarine', lengthKm: 300 }],
      // Its country is the network's already: not a change worth a word.
      modifyNodes: [{ id: 'aktau', set: { lat: 43.669, country: 'KZ' } }],
      modifyLinks: [{ id: 'bt', set: { lengthKm: 320 } }],
      removeLinks: ['old'],
    },
  }
  // The server's diff holds one entry here (`changes` added): a "+1" for five changes was issue 13's complaint.
  assert.equal(diffDocuments(empty, five).entries.length, 1)
  const d = describe(empty, five, before)
  assert.deepEqual(
    d.lines.map((l) => [l.change, l.text]),
    [
      ['added', 'added node Turkmenbashi (landing station, TM)'],
      ['added', 'added link Baku – Turkmenbashi (300 km, submarine)'],
      ['changed', 'moved Aktau 2.1 km (43.6500, 51.1700 → 43.6690, 51.1700)'],
      ['changed', 'changed length of Baku – Tbilisi 300 → 320 km'],
      ['removed', 'removed link old'],
    ],
  )
  assert.deepEqual(d.counts, { added: 2, removed: 1, changed: 2 })
  // Then one more change to the same scenario: its modify entry edited, an id dropped from removeLinks.
  const six = structuredClone(five)
  six.changes = { ...six.changes, modifyLinks: [{ id: 'bt', set: { lengthKm: 340 } }], removeLinks: [] }
  assert.deepEqual(
    describe(five, six, before).lines.map((l) => l.text),
    ['changed length of Baku – Tbilisi 320 → 340 km', 'put back link old (no longer removed)'],
  )
})

test('document fields and an unchanged document', () => {
  const d = describe({ ...before, description: 'old' }, { ...before, description: 'new' }, before)
  assert.deepEqual(d.lines.map((l) => l.text), ['description “old” → “new”'])
  assert.deepEqual(describe(before, before, before).lines, [])
  assert.equal(countsText(describe(before, before, before).counts), 'no change')
})

test('dates read in ISO order, in UTC', () => {
  assert.equal(isoDateTime('2026-12-01T15:32:57.123Z'), '2026-12-01 15:32 UTC')
  assert.equal(isoDateTime('not a date'), 'not a date')
})
