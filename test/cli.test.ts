import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root, scratchDir, silkway, silkwayJson, zoo } from './helpers'

const scratch = scratchDir('cli')

test('route --json answers with the documented shape, best path first', () => {
  const answer = silkwayJson('route', 'Frankfurt', 'Shanghai', '--k', '3')
  for (const key of ['from', 'to', 'greatCircleKm', 'vacuumRttMs', 'paths']) assert.ok(key in answer, key)
  assert.equal(answer.paths.length, 3)
  for (const p of answer.paths) for (const key of ['nodes', 'links', 'lengthKm', 'oneWayMs', 'rttMs', 'stretch', 'countries']) assert.ok(key in p, key)
  const rtts = answer.paths.map((p: { rttMs: number }) => p.rttMs)
  assert.deepEqual(rtts, [...rtts].sort((a: number, b: number) => a - b))
  assert.ok(answer.paths[0].stretch > 1.4682, 'no fibre route beats the speed of light in glass')
})

test('route avoiding Russia crosses no Russian node or link, and says so in its countries', () => {
  const answer = silkwayJson('route', 'Frankfurt', 'Shanghai', '--avoid-country', 'RU')
  assert.ok(!answer.paths[0].countries.includes('RU'))
  const withRussia = silkwayJson('route', 'Frankfurt', 'Shanghai')
  assert.ok(answer.paths[0].rttMs >= withRussia.paths[0].rttMs)
})

test('human output is an aligned table with units in the headers', () => {
  const result = silkway('route', 'frankfurt', 'shanghai', '--k', '2')
  assert.equal(result.code, 0, result.stderr)
  assert.match(result.stdout, /length km\s+one-way ms\s+RTT ms\s+expected RTT ms\s+stretch/)
})

test('an unknown node exits 2 with the closest matches and no stack trace', () => {
  const result = silkway('route', 'Frankfrut', 'Shanghai')
  assert.equal(result.code, 2)
  assert.match(result.stderr, /SW_UNKNOWN_NODE/)
  assert.match(result.stderr, /Frankfurt/)
  assert.doesNotMatch(result.stderr, /\n\s+at /)
  assert.equal(result.stdout, '')
})

test('an invalid network file exits 2 naming the file, the field and the reason', () => {
  const file = join(scratch, 'broken.json')
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, nodes: [{ id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 }], links: [{ id: 'x', a: 'a', b: 'nowhere', kind: 'terrestrial' }] }))
  const result = silkway('route', 'a', 'b', '--network', file)
  assert.equal(result.code, 2)
  assert.match(result.stderr, /broken\.json/)
  assert.match(result.stderr, /links\[0\]\.b/)
  assert.match(result.stderr, /unknown node 'nowhere'/)
  assert.doesNotMatch(result.stderr, /\n\s+at /)
  const validate = silkway('validate', file)
  assert.equal(validate.code, 2)
  assert.match(validate.stdout, /links\[0\]\.b/)
})

test('a disconnected pair exits 3 with SW_NO_PATH; infeasible constraints exit 3 with their own code', () => {
  const file = join(scratch, 'islands.json')
  writeFileSync(
    file,
    JSON.stringify({
      schemaVersion: 1,
      nodes: [
        { id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0, country: 'DE' },
        { id: 'b', name: 'B', kind: 'city', lat: 0, lon: 1, country: 'RU' },
        { id: 'c', name: 'C', kind: 'city', lat: 1, lon: 1, country: 'FR' },
        { id: 'd', name: 'D', kind: 'city', lat: 5, lon: 5, country: 'FR' },
      ],
      links: [
        { id: 'ab', a: 'a', b: 'b', kind: 'terrestrial' },
        { id: 'bc', a: 'b', b: 'c', kind: 'terrestrial' },
      ],
    }),
  )
  const none = silkway('route', 'a', 'd', '--network', file)
  assert.equal(none.code, 3)
  assert.match(none.stderr, /SW_NO_PATH/)
  const blocked = silkway('route', 'a', 'c', '--network', file, '--avoid-country', 'RU')
  assert.equal(blocked.code, 3)
  assert.match(blocked.stderr, /SW_CONSTRAINT_INFEASIBLE/)
})

test('report --json carries the claims table with computed and claimed values side by side', () => {
  const report = silkwayJson('report')
  assert.ok(report.claims.length >= 2)
  for (const claim of report.claims) {
    for (const key of ['name', 'from', 'to', 'baselineKm', 'targetKm', 'savedKm', 'baselineOneWayMs', 'targetOneWayMs', 'claimedTargetKm', 'claimedSavedKm']) {
      assert.ok(key in claim, key)
    }
    assert.equal(typeof claim.targetKm, 'number')
    assert.notEqual(claim.targetKm, claim.claimedTargetKm, 'a computed length equal to the claim to the km would suggest tuning')
  }
  assert.ok(report.europeChina.some((r: { avoidingRussia: unknown }) => r.avoidingRussia !== null))
})

test('silkway report prints the corridor report (npm start now serves the API: test/server/start.test.ts)', () => {
  const result = silkway('report')
  assert.equal(result.code, 0, result.stderr)
  assert.match(result.stdout, /Public claims/)
})

test('compare shows base and target for the default pairs', () => {
  const comparison = silkwayJson('compare')
  assert.equal(comparison.base, 'baseline-2022')
  assert.equal(comparison.target, 'digital-silk-way')
  assert.ok(comparison.pairs.length >= 4)
  const somethingChanged = comparison.pairs.some((p: { lengthDiffKm: number | null; base: unknown }) => p.base === null || (p.lengthDiffKm !== null && p.lengthDiffKm !== 0))
  assert.ok(somethingChanged, 'the new cable and lines change at least one pair')
})

test('nodes and links list and filter; scenarios lists the built-in ones', () => {
  const kz = silkwayJson('nodes', '--country', 'KZ')
  assert.ok(kz.count > 0 && kz.nodes.every((n: { country: string }) => n.country === 'KZ'))
  const sea = silkwayJson('links', '--kind', 'submarine')
  assert.ok(sea.links.every((l: { kind: string }) => l.kind === 'submarine'))
  assert.ok(sea.links.every((l: { lengthMethod: string }) => ['declared', 'geodesic', 'great-circle-estimate'].includes(l.lengthMethod)))
  const names = silkwayJson('scenarios').scenarios.map((s: { name: string }) => s.name)
  assert.ok(names.includes('baseline-2022') && names.includes('digital-silk-way'))
})

test('generate → convert → validate round trip across the three formats', () => {
  const json = join(scratch, 'gen.json')
  assert.equal(silkway('generate', '--nodes', '200', '--seed', '7', '--out', json).code, 0)
  const again = join(scratch, 'gen2.json')
  silkway('generate', '--nodes', '200', '--seed', '7', '--out', again)
  assert.equal(readFileSync(json, 'utf8'), readFileSync(again, 'utf8'), 'same seed, same network')
  for (const to of ['geojson', 'graphml']) {
    const out = join(scratch, `gen.${to}`)
    const converted = silkway('convert', json, '--to', to, '--out', out)
    assert.equal(converted.code, 0, converted.stderr)
    const checked = silkwayJson('validate', out)
    assert.equal(checked.valid, true)
    assert.equal(checked.nodes, 200)
  }
  const answer = silkwayJson('route', 'n0', 'n199', '--network', join(scratch, 'gen.graphml'), '--k', '2')
  assert.equal(answer.paths.length, 2)
})

test('route on a Topology Zoo network', (t) => {
  const file = join(zoo, 'Geant2012.graphml')
  if (!existsSync(file)) {
    t.skip(`../shared/data/topology-zoo is absent: Topology Zoo test skipped`)
    return
  }
  const nodes = silkwayJson('nodes', '--network', file).nodes
  const located = nodes.filter((n: { lat?: number }) => n.lat !== undefined)
  const answer = silkwayJson('route', located[0].id, located[located.length - 1].id, '--network', file, '--k', '2')
  assert.ok(answer.paths.length >= 1)
  assert.ok(answer.paths[0].rttMs > 0)
})

test('--json prints nothing but JSON, for every command', () => {
  for (const args of [['report'], ['compare'], ['nodes'], ['links'], ['scenarios'], ['route', 'Baku', 'Almaty']]) {
    const result = silkway(...args, '--json')
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`)
    assert.doesNotThrow(() => JSON.parse(result.stdout), args.join(' '))
  }
})

test('human output works for every command, not only --json', () => {
  for (const args of [['report'], ['compare'], ['nodes', '--kind', 'landing-station'], ['links', '--status', 'planned'], ['scenarios'], ['route', 'Baku', 'Almaty', '--k', '2']]) {
    const result = silkway(...args)
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`)
    assert.ok(result.stdout.trim().split('\n').length >= 2, args.join(' '))
    assert.equal(result.stderr, '', args.join(' '))
  }
})

test('a reader that closes the pipe early (`| head`) ends the CLI quietly with exit 0, not an internal error', async () => {
  const { spawn } = await import('node:child_process')
  const child = spawn(process.execPath, [join(root, 'bin/silkway.js'), 'demands', 'generate', '--total-gbps', '1000'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // Read the first chunk, then close our end, as `head -1` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
  child.stdout.destroy()
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  assert.equal(code, 0, stderr)
  assert.doesNotMatch(stderr, /internal error/)
})
