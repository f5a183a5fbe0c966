import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type TestServer, auth, scratchDir, silkway, silkwayJson, testServer, zoo } from '../helpers'

let server: TestServer

before(async () => {
  server = await testServer({ rateLimit: false })
})
after(() => server.close())

async function get(url: string): Promise<any> {
  const r = await server.app.inject({ url, headers: auth(server.viewer) })
  assert.equal(r.statusCode, 200, `${url}: ${r.body}`)
  return r.json()
}

const dir = scratchDir('silkway-traffic-')
const write = (name: string, text: string) => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}
const okCsv = write('ok.csv', 'from,to,gbps\nFrankfurt,Beijing,100\nBaku,Almaty,20\nIstanbul,Urumqi,30\n')

describe('traffic: the CLI and the API give the same answers', () => {
  it('maxflow: Europe ⇄ China without Russia, unknown links excluded (a zero-capacity cut, every crossing link named)', async () => {
    const cli = silkwayJson('maxflow', '--from-set', 'group:europe', '--to-set', 'country:CN', '--avoid-country', 'RU', '--unknown', 'exclude', '--scenario', 'baseline-2022')
    const api = await get('/api/v1/maxflow?fromSet=group:europe&toSet=country:CN&avoidCountry=RU&unknown=exclude&scenario=baseline-2022')
    assert.deepEqual(api, cli)
    assert.equal(cli.valueGbps, 0)
    assert.ok(cli.from.excluded.includes('moscow'))
  })

  it('maxflow with a default capacity: before and after the Trans-Caspian cable', async () => {
    const args = ['maxflow', '--from-set', 'country:DE,country:FR', '--to-set', 'country:CN', '--default-gbps', '1000', '--avoid-country', 'RU']
    const before = silkwayJson(...args, '--scenario', 'baseline-2022')
    const after = silkwayJson(...args, '--scenario', 'digital-silk-way')
    assert.deepEqual(await get('/api/v1/maxflow?fromSet=country:DE,country:FR&toSet=country:CN&defaultGbps=1000&avoidCountry=RU&scenario=digital-silk-way'), after)
    assert.ok(after.valueGbps >= before.valueGbps, `${after.valueGbps} < ${before.valueGbps}`)
    const capacity = after.cut.reduce((sum: number, l: { capacityGbps: number }) => sum + l.capacityGbps, 0)
    assert.equal(capacity, after.valueGbps)
  })

  it('flow: a CSV file on the CLI is the same document POSTed', async () => {
    const cli = silkwayJson('flow', '--demands', okCsv, '--routing', 'ecmp')
    const body = {
      schemaVersion: 1,
      name: 'ok.csv',
      demands: [
        { id: 'd2', from: 'Frankfurt', to: 'Beijing', gbps: 100 },
        { id: 'd3', from: 'Baku', to: 'Almaty', gbps: 20 },
        { id: 'd4', from: 'Istanbul', to: 'Urumqi', gbps: 30 },
      ],
    }
    const r = await server.app.inject({ method: 'POST', url: '/api/v1/flow?routing=ecmp', headers: auth(server.viewer), payload: body })
    assert.equal(r.statusCode, 200, r.body)
    assert.deepEqual(r.json(), cli)
    assert.equal(cli.totals.routedGbps, 150)
  })

  it('flow and hubs from the gravity model, shortest and optimal', async () => {
    assert.deepEqual(await get('/api/v1/flow?totalGbps=10000&routing=optimal'), silkwayJson('flow', '--total-gbps', '10000', '--routing', 'optimal'))
    const hubs = silkwayJson('hubs', '--scenario', 'baseline-2022')
    assert.deepEqual(await get('/api/v1/hubs?scenario=baseline-2022'), hubs)
    assert.ok(hubs.countries.some((c: { country: string; transitShare: number }) => c.country === 'RU' && c.transitShare > 0))
  })

  it('demands generate', async () => {
    const cli = silkwayJson('demands', 'generate', '--total-gbps', '100', '--base-year', '2025', '--year', '2030')
    assert.deepEqual(await get('/api/v1/demands/gravity?totalGbps=100&baseYear=2025&year=2030'), cli)
    const total = cli.demands.reduce((sum: number, d: { gbps: number }) => sum + d.gbps, 0)
    assert.ok(Math.abs(total - 100 * 1.29 ** 5) < 1e-6, `${total}`)
  })

  it('bad demands: located, 422 from the API', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/v1/flow',
      headers: auth(server.viewer),
      payload: { schemaVersion: 1, demands: [{ id: 'x', from: 'Frankfurt', to: 'Frankfrut', gbps: 1 }] },
    })
    assert.equal(r.statusCode, 422, r.body)
    assert.match(r.body, /demands\[0\]\.to/)
    const negative = await server.app.inject({ method: 'POST', url: '/api/v1/flow', headers: auth(server.viewer), payload: { schemaVersion: 1, demands: [{ id: 'x', from: 'Baku', to: 'Almaty', gbps: -1 }] } })
    assert.equal(negative.statusCode, 422, negative.body)
    assert.match(negative.body, /gbps/)
    const noDemands = await server.app.inject({ url: '/api/v1/flow', headers: auth(server.viewer) })
    assert.equal(noDemands.statusCode, 400, noDemands.body)
    assert.match(noDemands.body, /totalGbps/)
  })
})

describe('traffic: bad input on the CLI exits 2 with a located message', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown-node.csv', 'from,to,gbps\nFrankfurt,Beijing,100\nBaku,Frankfrut,20\n', /unknown-node\.csv: line 3, to: no node 'Frankfrut'; closest: frankfurt/],
    ['negative.csv', 'from,to,gbps\nFrankfurt,Beijing,-5\n', /negative\.csv: line 2, gbps: '-5' is not a number of Gbit\/s ≥ 0/],
    ['broken.csv', 'from,to,gbps\nFrankfurt,Beijing,100\n"Baku,Almaty,3\n', /broken\.csv: line 3: unclosed quote/],
    ['unknown-node.json', '{"schemaVersion": 1,\n "demands": [\n  {"id": "a", "from": "Baku", "to": "Nowhere", "gbps": 1}\n ]}\n', /unknown-node\.json:3: demands\[0\]\.to: no node 'Nowhere'/],
  ]
  for (const [name, text, message] of cases) {
    it(name, () => {
      const file = write(name, text)
      for (const args of [
        ['demands', 'validate', file],
        ['flow', '--demands', file],
        ['hubs', '--demands', file],
      ]) {
        const result = silkway(...args)
        assert.equal(result.code, 2, result.stderr)
        assert.match(result.stderr, message)
        assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/)
      }
    })
  }

  it('sets: an unknown item, overlapping sets, a set the constraints empty', () => {
    const unknown = silkway('maxflow', '--from-set', 'country:DE,Frankfrut', '--to-set', 'country:CN')
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /no node 'Frankfrut'/)
    const overlap = silkway('maxflow', '--from-set', 'group:asia', '--to-set', 'country:CN')
    assert.equal(overlap.code, 2)
    assert.match(overlap.stderr, /in both fromSet and toSet/)
    const empty = silkway('maxflow', '--from-set', 'country:RU', '--to-set', 'country:CN', '--avoid-country', 'RU')
    assert.equal(empty.code, 3)
    assert.match(empty.stderr, /fromSet: every node of 'country:RU' is excluded/)
  })
})

describe('traffic on a Topology Zoo file: LinkSpeedRaw is the design capacity', () => {
  it('Geant2012: maxflow between two cities is the capacities of a cut', (t) => {
    const file = join(zoo, 'Geant2012.graphml')
    if (!existsSync(file)) {
      t.skip('../shared/data/topology-zoo is absent: Topology Zoo test skipped')
      return
    }
    const answer = silkwayJson('maxflow', '--network', file, '--from-set', 'country:PT', '--to-set', 'country:GR', '--unknown', 'exclude')
    assert.ok(answer.valueGbps > 0)
    // The cut's capacities are the file's LinkSpeedRaw (bit/s) as designCapacityGbps, declared.
    assert.ok(answer.cut.some((l: { capacityMethod: string; capacityGbps: number }) => l.capacityMethod === 'declared' && l.capacityGbps > 0))
    assert.ok(answer.capacity.unknownLinks.length < 61)
    assert.equal(
      answer.valueGbps,
      answer.cut.reduce((sum: number, l: { capacityGbps: number }) => sum + l.capacityGbps, 0),
    )
  })
})
