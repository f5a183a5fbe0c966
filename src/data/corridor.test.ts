import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { greatCircleKm } from '../geo'
import { type NetworkLink, type NetworkNode, type Scenario, validateNetwork, validateProfile, validateScenario } from '../model'
import { applyScenario } from '../scenario'
import { builtinNetwork, builtinScenarios, claims, DEFAULT_SCENARIO, defaultProfile } from './index'

const network = builtinNetwork
const scenarioNodes: NetworkNode[] = builtinScenarios.flatMap((s) => s.changes?.addNodes ?? [])
const nodeById = new Map<string, NetworkNode>([...network.nodes, ...scenarioNodes].map((n) => [n.id, n]))
const sourceIds = new Set((network.sources ?? []).map((s) => s.id))
const scenarioLinks: NetworkLink[] = builtinScenarios.flatMap((s) => s.changes?.addLinks ?? [])
const allLinks: NetworkLink[] = [...network.links, ...scenarioLinks]

/**
 * Declared lengths a source gives shorter than the great circle between the endpoints. Kept as sourced and
 * flagged in the link's notes, never corrected: the Azerbaijan–Turkmenistan cable is "about 300 km" (Trend,
 * AzerTelecom 2019) while Siyazan–Turkmenbashi is 346 km on the great circle (corridor-facts §1.5).
 */
const SHORTER_THAN_GREAT_CIRCLE = new Map([['aztm-siyazan-turkmenbashi', { declaredKm: 300, greatCircleKm: 346 }]])

function gcOf(link: NetworkLink): number {
  const a = nodeById.get(link.a) as NetworkNode
  const b = nodeById.get(link.b) as NetworkNode
  return greatCircleKm(a.lat as number, a.lon as number, b.lat as number, b.lon as number)
}

test('the corridor validates with no errors and no warnings', () => {
  const result = validateNetwork(network)
  assert.deepEqual(result.issues, [])
  assert.ok(result.value)
})

test('scenarios and the profile validate', () => {
  for (const scenario of builtinScenarios) assert.deepEqual(validateScenario(scenario).issues, [], scenario.name)
  assert.deepEqual(validateProfile(defaultProfile).issues, [])
  assert.equal(defaultProfile.id, 'silkway-physics')
  assert.equal(defaultProfile.fiber.groupIndex.value, 1.4682)
})

test('at least 40 nodes and 50 links', () => {
  assert.ok(network.nodes.length >= 40, `${network.nodes.length} nodes`)
  assert.ok(network.links.length >= 50, `${network.links.length} links`)
})

test('every node has a country, coordinates and a source', () => {
  for (const node of network.nodes) {
    assert.match(node.country ?? '', /^[A-Z]{2}$/, node.id)
    assert.ok(node.lat !== undefined && node.lon !== undefined, node.id)
    assert.ok((node.sources ?? []).length > 0, node.id)
  }
})

test('every link, SRLG, scenario and claim cites at least one known source, and every source is cited', () => {
  const cited = new Set<string>()
  const check = (list: string[] | undefined, what: string) => {
    assert.ok((list ?? []).length > 0, `${what} has no source`)
    for (const id of list ?? []) {
      assert.ok(sourceIds.has(id), `${what} cites unknown source '${id}'`)
      cited.add(id)
    }
  }
  for (const node of [...network.nodes, ...scenarioNodes]) check(node.sources, `node ${node.id}`)
  for (const chain of network.declaredChains ?? []) check(chain.sources, `chain ${chain.id}`)
  for (const link of allLinks) check(link.routeFactor?.sources ?? link.sources, `link ${link.id} route factor`)
  for (const link of allLinks) check(link.sources, `link ${link.id}`)
  for (const srlg of network.srlgs ?? []) check(srlg.sources, `srlg ${srlg.id}`)
  for (const scenario of builtinScenarios) check(scenario.sources, `scenario ${scenario.name}`)
  for (const claim of claims) check(claim.sources, `claim ${claim.id}`)
  const orphans = [...sourceIds].filter((id) => !cited.has(id))
  assert.deepEqual(orphans, [])
})

test("every link's countries include its endpoints' countries", () => {
  for (const link of allLinks) {
    for (const end of [link.a, link.b]) {
      const country = nodeById.get(end)?.country
      assert.ok(country && link.countries?.includes(country), `${link.id} lacks ${country} (${end})`)
    }
  }
})

test('submarine links join landing stations or coastal cities, and every landing station has a cable', () => {
  const landed = new Set<string>()
  for (const link of allLinks.filter((l) => l.kind === 'submarine')) {
    for (const end of [link.a, link.b]) {
      const kind = nodeById.get(end)?.kind
      assert.ok(kind === 'landing-station' || kind === 'city', `${link.id}: ${end} is a ${kind}`)
      landed.add(end)
    }
  }
  for (const node of network.nodes.filter((n) => n.kind === 'landing-station')) {
    assert.ok(landed.has(node.id), `landing station ${node.id} has no submarine link`)
    const fields = (node.assumptions ?? []).map((a) => a.field)
    assert.ok(fields.includes('lat') && fields.includes('lon'), `${node.id}: its position is a town centre, which must be listed as an assumption`)
  }
})

test('the Trans-Caspian cable is Sumgait–Aktau, 380 km, under construction for 2026, without unconfirmed fields', () => {
  const tcfo = network.links.find((l) => l.id === 'tcfo-sumgait-aktau') as NetworkLink
  assert.ok(tcfo)
  assert.deepEqual([tcfo.a, tcfo.b, tcfo.kind, tcfo.lengthKm], ['sumgait', 'aktau', 'submarine', 380])
  assert.equal(tcfo.status, 'under-construction')
  assert.equal(tcfo.readyForServiceYear, 2026)
  assert.deepEqual(tcfo.operators, ['AzerTelecom', 'Kazakhtelecom'])
  assert.equal(tcfo.designCapacityGbps, 400000)
  // UNCONFIRMED in corridor-facts §1.1: not shipped.
  assert.equal(tcfo.fiberPairs, undefined)
  assert.equal(tcfo.repeatered, undefined)
  assert.equal(tcfo.litCapacityGbps, undefined)
  const variants = ['tcfo-siyazan-aktau', 'tcfo-kuryk-buzovna', 'aztm-siyazan-turkmenbashi']
  for (const id of variants) {
    assert.ok(!network.links.some((l) => l.id === id), `${id} belongs to a scenario, not the base network`)
    assert.ok(scenarioLinks.some((l) => l.id === id), `${id} is added by a scenario`)
  }
})

test('every source is dated (ISO 8601 year, month or day)', () => {
  for (const source of network.sources ?? []) assert.match(source.date ?? '', /^\d{4}(-\d{2}(-\d{2})?)?$/, `source ${source.id} has no date`)
})

test('no declared length, chain length or claimed-looking figure equals a claimed figure, and the Kazakh routes declare none (anti-tuning)', () => {
  const claimed = new Set(claims.flatMap((c) => [c.claimedBaselineKm, c.claimedTargetKm, c.claimedSavedKm]).filter((x) => x !== undefined))
  for (const link of allLinks) {
    if (link.lengthKm !== undefined) assert.ok(!claimed.has(link.lengthKm), `${link.id} declares ${link.lengthKm} km, a claimed figure`)
  }
  for (const chain of network.declaredChains ?? []) assert.ok(!claimed.has(chain.lengthKm), `chain ${chain.id} declares ${chain.lengthKm} km, a claimed figure`)
  const kazakh = network.links.filter((l) => /^kz-(old|sh|xb)-/.test(l.id))
  assert.ok(kazakh.length > 0)
  for (const link of kazakh) {
    assert.equal(link.lengthKm, undefined, link.id)
    assert.equal(link.geometry, undefined, link.id)
    assert.ok(link.alignmentInferred, `${link.id}: its alignment is inferred and must be flagged`)
  }
})

test('every inferred alignment is flagged: an alignment assumption or an unnamed crossing implies alignmentInferred', () => {
  for (const link of allLinks) {
    if (link.assumptions?.some((a) => a.field === 'alignment')) assert.ok(link.alignmentInferred, `${link.id}: alignment assumed but not flagged`)
    if (link.alignmentInferred) assert.ok(link.alignmentInferred.note.length > 10, `${link.id}: say what the inference rests on`)
  }
  const crossings = network.links.filter((l) => (l.countries ?? []).includes('KZ') && (l.countries ?? []).includes('RU'))
  assert.ok(crossings.length >= 5, `${crossings.length} Kazakhstan–Russia crossings`)
  for (const link of crossings) assert.ok(link.alignmentInferred, link.id)
})

test('a declared chain spreads its length over its links by great-circle share (the method it records)', () => {
  for (const chain of network.declaredChains ?? []) {
    assert.equal(chain.method, 'great-circle-share')
    const links = chain.links.map((id) => network.links.find((l) => l.id === id) as NetworkLink)
    const total = links.reduce((sum, l) => sum + gcOf(l), 0)
    assert.ok(chain.lengthKm >= total, `${chain.id}: ${chain.lengthKm} km is shorter than its ${total.toFixed(0)} km great circle`)
  }
})

test('weak sources are flagged: encyclopaedia mirrors and copies', () => {
  for (const source of network.sources ?? []) {
    if (/grokipedia|qwe\.wiki|iiab\.me/.test(source.url ?? '')) assert.equal(source.weak, true, source.id)
  }
})

test('superhighway links are marked and planned; legacy Kazakh links are operational', () => {
  for (const link of network.links) {
    if (link.id.startsWith('kz-sh-')) {
      assert.equal(link.status, 'planned', link.id)
      assert.match(link.notes ?? '', /Kazakhtelecom superhighway \(new\)/, link.id)
    }
    if (link.id.startsWith('kz-old-')) assert.equal(link.status, 'operational', link.id)
  }
})

test('drawn geometries are listed as assumptions', () => {
  for (const link of allLinks.filter((l) => l.geometry)) {
    assert.ok(link.assumptions?.some((a) => a.field === 'geometry'), link.id)
  }
})

test('declared lengths are at least the great circle, except the documented source conflict', () => {
  for (const link of allLinks.filter((l) => l.lengthKm !== undefined)) {
    const gc = gcOf(link)
    const exception = SHORTER_THAN_GREAT_CIRCLE.get(link.id)
    if (exception) {
      assert.equal(link.lengthKm, exception.declaredKm)
      assert.equal(Math.round(gc), exception.greatCircleKm)
      assert.ok((link.lengthKm as number) < gc, `${link.id} is no longer an exception: drop it from the list`)
      assert.match(link.notes ?? '', /CONFLICT/)
      continue
    }
    assert.ok((link.lengthKm as number) >= gc, `${link.id}: ${link.lengthKm} km < great circle ${gc.toFixed(0)} km`)
  }
})

test('claims name existing nodes and scenarios', () => {
  const names = new Set(builtinScenarios.map((s) => s.name))
  for (const claim of claims) {
    for (const id of [claim.from, ...(claim.fromAny ?? [])]) assert.ok(nodeById.has(id), `${claim.id}: from ${id}`)
    for (const id of [claim.to, ...(claim.toAny ?? [])]) assert.ok(nodeById.has(id), `${claim.id}: to ${id}`)
    assert.ok((claim.fromAny ?? [claim.from]).includes(claim.from) && (claim.toAny ?? [claim.to]).includes(claim.to), claim.id)
    // Computed figures are never stored: the report computes them.
    for (const field of ['baselineKm', 'targetKm', 'savedKm', 'floorOneWayMsAtClaimedKm', 'claimedDelayBelowFloor']) assert.ok(!(field in claim), `${claim.id} stores ${field}`)
    assert.ok(names.has(claim.baselineScenario) && names.has(claim.targetScenario), claim.id)
    assert.equal(claim.claimedBaselineKm !== undefined ? claim.claimedBaselineKm - claim.claimedTargetKm : claim.claimedSavedKm, claim.claimedSavedKm)
  }
})

test('scenarios reference existing scenarios, nodes and links', () => {
  const byName = new Map(builtinScenarios.map((s) => [s.name, s]))
  assert.ok(byName.has(DEFAULT_SCENARIO))
  for (const scenario of builtinScenarios) {
    const chain: string[] = []
    for (let s: Scenario | undefined = scenario; s !== undefined; s = s.base === undefined ? undefined : byName.get(s.base)) {
      assert.ok(!chain.includes(s.name), `${scenario.name}: cycle`)
      chain.unshift(s.name)
      if (s.base) assert.ok(byName.has(s.base), `${s.name}: unknown base ${s.base}`)
    }
    const known = new Set([...network.links.map((l) => l.id), ...chain.flatMap((n) => (byName.get(n)?.changes?.addLinks ?? []).map((l) => l.id))])
    const changes = scenario.changes ?? {}
    for (const id of changes.removeLinks ?? []) assert.ok(known.has(id), `${scenario.name} removes unknown link ${id}`)
    for (const { id } of changes.modifyLinks ?? []) assert.ok(known.has(id), `${scenario.name} modifies unknown link ${id}`)
    for (const id of changes.removeNodes ?? []) assert.ok(nodeById.has(id), `${scenario.name} removes unknown node ${id}`)
    for (const { id } of changes.modifyNodes ?? []) assert.ok(nodeById.has(id), `${scenario.name} modifies unknown node ${id}`)
    for (const link of changes.addLinks ?? []) assert.ok(nodeById.has(link.a) && nodeById.has(link.b), `${scenario.name}: ${link.id}`)
    assert.doesNotThrow(() => applyScenario(network, scenario.name, builtinScenarios), scenario.name)
  }
})

test('baseline-2022 keeps the legacy Kazakh lines and drops the new ones; digital-silk-way has both', () => {
  const ids = (name: string) => new Set(applyScenario(network, name, builtinScenarios).links.map((l) => l.id))
  const before = ids('baseline-2022')
  const after = ids('digital-silk-way')
  const legacy = network.links.filter((l) => l.id.startsWith('kz-old-')).map((l) => l.id)
  const fresh = network.links.filter((l) => l.id.startsWith('kz-sh-')).map((l) => l.id)
  for (const id of legacy) assert.ok(before.has(id) && after.has(id), id)
  for (const id of [...fresh, 'tcfo-sumgait-aktau']) assert.ok(!before.has(id) && after.has(id), id)
  assert.ok(before.has('ccs-poti-balchik'))
  const variant = ids('tcfo-siyazan-variant')
  assert.ok(variant.has('tcfo-siyazan-aktau') && !variant.has('tcfo-sumgait-aktau'))
  const reserve = ids('tcfo-with-reserve')
  assert.ok(reserve.has('tcfo-sumgait-aktau') && reserve.has('tcfo-kuryk-buzovna'))
})

test('docs/data.md lists every assumption and the current counts', () => {
  const doc = readFileSync(new URL('../../docs/data.md', import.meta.url), 'utf8')
  const counts = `${network.nodes.length} nodes, ${network.links.length} links, ${network.srlgs?.length} shared-risk link groups, ${network.sources?.length} sources`
  assert.ok(doc.includes(counts), `docs/data.md should say "${counts}"`)
  for (const node of network.nodes.filter((n) => n.assumptions?.length)) assert.ok(doc.includes(`node \`${node.id}\``), node.id)
  for (const link of allLinks.filter((l) => l.assumptions?.length)) assert.ok(doc.includes(`link \`${link.id}\``), link.id)
})
