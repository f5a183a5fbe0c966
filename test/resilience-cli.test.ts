import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { checkSchema } from '../src/model'
import { AvailabilityAnswerSchema, CutAnswerSchema, DisjointAnswerSchema, SweepAnswerSchema } from '../src/resilience'
import { LinkListSchema, NodeListSchema, ScenarioListSchema } from '../src/workbench'
import { silkway, silkwayJson, zoo } from './helpers'

const kdl = join(zoo, 'Kdl.graphml')

test('disjoint --by srlg: Baku–Almaty gets two SRLG-disjoint paths from the MIP, sharing nothing', () => {
  const answer = silkwayJson('disjoint', 'Baku', 'Almaty', '--by', 'srlg')
  assert.equal(answer.method, 'mip-highs')
  assert.equal(answer.paths.length, 2)
  assert.equal(answer.fullyDisjoint, true)
  assert.deepEqual(answer.shared, { links: [], nodes: [], srlgs: [], countries: [] })
  const [a, b] = answer.paths.map((p: { links: string[] }) => new Set(p.links))
  assert.ok(![...a].some((l) => b.has(l)))
})

test('disjoint --by link names the SRLGs the two link-disjoint paths still share', () => {
  const answer = silkwayJson('disjoint', 'Baku', 'Almaty', '--by', 'link')
  assert.equal(answer.method, 'suurballe')
  assert.deepEqual(answer.shared.links, [])
  assert.ok(answer.shared.srlgs.length > 0, 'the Kazakh routes share rights of way')
})

test('cut of the Trans-Caspian SRLG slows Baku–Beyneu and leaves Frankfurt–Shanghai connected', () => {
  const answer = silkwayJson('cut', '--srlg', 'caspian-tcfo-corridor', '--pairs', 'Baku:Beyneu,Frankfurt:Shanghai')
  assert.deepEqual(answer.cut.links, ['tcfo-sumgait-aktau'])
  assert.equal(answer.pairs.length, 2)
  const baku = answer.pairs.find((p: { from: string }) => p.from === 'baku')
  assert.ok(baku.connected && baku.inflation > 2)
  for (const p of answer.pairs) for (const key of ['from', 'to', 'connected', 'baseRttMs', 'rttMs', 'inflation']) assert.ok(key in p, key)
})

test('cut of a circle around Baku cuts Baku off', () => {
  const answer = silkwayJson('cut', '--circle', '40.4,49.9,60', '--pairs', 'Baku:Almaty')
  assert.deepEqual(answer.disconnected, [{ from: 'baku', to: 'almaty' }])
})

test('sweep --failures 1 ranks bridges first and matches the JSON shape', () => {
  const answer = silkwayJson('sweep', '--failures', '1', '--top', '5')
  assert.equal(answer.ranking.length, 5)
  assert.ok(answer.scenarios > 100)
  for (const key of ['element', 'pairsDisconnected', 'meanInflation', 'worstInflation']) assert.ok(key in answer.ranking[0], key)
  assert.ok(answer.ranking[0].pairsDisconnected > 0)
  const threaded = silkwayJson('sweep', '--failures', '1', '--top', '5', '--threads', '2')
  assert.deepEqual(threaded, answer, 'worker threads give the same answer as inline')
})

test('sweep --failures srlg ranks shared-risk groups', () => {
  const answer = silkwayJson('sweep', '--failures', 'srlg', '--top', '3')
  assert.equal(answer.failures, 'srlg')
  assert.ok(answer.ranking.length > 0)
})

test('availability: 1+1 and restoration beat an unprotected path, with downtime in minutes per year', () => {
  const none = silkwayJson('availability', 'Frankfurt', 'Shanghai')
  const protectedPair = silkwayJson('availability', 'Frankfurt', 'Shanghai', '--protection', '1+1')
  const restoration = silkwayJson('availability', 'Frankfurt', 'Shanghai', '--protection', 'restoration')
  assert.equal(none.method, 'series-exact')
  assert.equal(protectedPair.method, 'inclusion-exclusion-exact')
  assert.ok(none.availability < protectedPair.availability && protectedPair.availability <= restoration.availability)
  assert.ok(Math.abs(none.downtimeMinutesPerYear - (1 - none.availability) * 525960) < 0.01)
})

test('a bad --failures value exits 2', () => {
  const result = silkway('sweep', '--failures', '3')
  assert.equal(result.code, 2)
  assert.match(result.stderr, /SW_INVALID_ARGUMENT/)
})

test('the four commands answer on a Topology Zoo file', { skip: !existsSync(kdl) && 'no ../shared/data/topology-zoo (Kdl.graphml)' }, () => {
  const sweep = silkwayJson('sweep', '--failures', '1', '--top', '3', '--network', kdl)
  assert.ok(sweep.scenarios > 800)
  const any = sweep.ranking[0].links[0]
  const cut = silkwayJson('cut', '--link', any, '--network', kdl)
  assert.ok(cut.pairsConsidered > 1000)
  const worst = sweep.ranking.find((r: { worstPair: unknown }) => r.worstPair)
  if (worst) {
    const { from, to } = worst.worstPair
    const disjoint = silkwayJson('disjoint', from, to, '--network', kdl)
    assert.ok(disjoint.paths.length >= 1)
    const availability = silkwayJson('availability', from, to, '--protection', 'restoration', '--samples', '20000', '--network', kdl)
    assert.ok(availability.availability > 0.9)
  }
})

test('the --json answers on the built-in corridor match the schemas the API serves them with', () => {
  const cases = [
    [DisjointAnswerSchema, ['disjoint', 'Baku', 'Almaty', '--by', 'srlg']],
    [DisjointAnswerSchema, ['disjoint', 'Frankfurt', 'Shanghai', '--k', '3', '--by', 'node']],
    [CutAnswerSchema, ['cut', '--circle', '40.4,49.9,60']],
    [CutAnswerSchema, ['cut', '--srlg', 'caspian-tcfo-corridor', '--pairs', 'Baku:Beyneu,Frankfurt:Shanghai']],
    [SweepAnswerSchema, ['sweep', '--failures', 'srlg', '--top', '5']],
    [AvailabilityAnswerSchema, ['availability', 'Frankfurt', 'Shanghai', '--protection', '1+1']],
    [AvailabilityAnswerSchema, ['availability', 'Baku', 'Almaty', '--protection', 'restoration', '--scenario', 'baseline-2022']],
    [NodeListSchema, ['nodes', '--country', 'KZ']],
    [LinkListSchema, ['links']],
    [ScenarioListSchema, ['scenarios']],
  ] as const
  for (const [schema, args] of cases) assert.deepEqual(checkSchema(schema, silkwayJson(...args)), [], args.join(' '))
})
