import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { type TestServer, auth, root, silkwayAsync, testServer } from './helpers'

/**
 * Golden outputs (Turf's test/out, GNPy's saved CLI expectations): every case's full output on the built-in
 * corridor, saved under test/golden/, so any changed number shows in review. `REGEN=1 node scripts/test.mjs golden`
 * rewrites the files; review the diff before committing it.
 */
const REGEN = process.env.REGEN === '1'
const dir = join(root, 'test/golden')

interface Case {
  /** File name stem under test/golden/. */
  name: string
  args: string[]
  /** The same question asked of the HTTP API; its body must equal the CLI's `--json` output. */
  api?: { method?: 'GET' | 'POST'; url: string; payload?: object }
  /** An API golden that is saved but not compared with the CLI, and why. */
  apiDiffers?: string
  /** Error cases: only the human form (the error goes to stderr either way). */
  humanOnly?: boolean
}

/** The sample demand set the flow goldens route: the CLI reads the file, the API gets it as the body. */
const sampleDemands = JSON.parse(readFileSync(join(root, 'test/fixtures/demands-corridor.json'), 'utf8'))

const CASES: Case[] = [
  {
    name: 'report',
    args: ['report'],
    api: { url: '/api/v1/report' },
  },
  { name: 'report-skip-sweep', args: ['report', '--skip-sweep'], api: { url: '/api/v1/report?skipSweep=true' } },
  { name: 'route-frankfurt-shanghai-k3', args: ['route', 'Frankfurt', 'Shanghai', '--k', '3'], api: { url: '/api/v1/route?from=Frankfurt&to=Shanghai&k=3' } },
  {
    name: 'route-frankfurt-shanghai-avoid-ru-ir',
    args: ['route', 'Frankfurt', 'Shanghai', '--avoid-country', 'RU,IR'],
    api: { url: '/api/v1/route?from=Frankfurt&to=Shanghai&avoidCountry=RU,IR' },
  },
  { name: 'route-baku-almaty-2025', args: ['route', 'Baku', 'Almaty', '--year', '2025'], api: { url: '/api/v1/route?from=Baku&to=Almaty&year=2025' } },
  {
    name: 'route-frankfurt-beijing-via-aktau-length',
    args: ['route', 'Frankfurt', 'Beijing', '--via', 'Aktau', '--metric', 'length'],
    api: { url: '/api/v1/route?from=Frankfurt&to=Beijing&via=Aktau&metric=length' },
  },
  { name: 'compare', args: ['compare'], api: { url: '/api/v1/compare' } },
  {
    name: 'compare-pairs-avoid-ru',
    args: ['compare', '--pairs', 'Frankfurt:Urumqi,Istanbul:Almaty', '--avoid-country', 'RU'],
    api: { url: '/api/v1/compare?pairs=Frankfurt:Urumqi,Istanbul:Almaty&avoidCountry=RU' },
  },
  { name: 'nodes-kz', args: ['nodes', '--country', 'KZ'], api: { url: '/api/v1/nodes?country=KZ' } },
  { name: 'links-submarine', args: ['links', '--kind', 'submarine'], api: { url: '/api/v1/links?kind=submarine' } },
  {
    name: 'scenarios',
    args: ['scenarios'],
    api: { url: '/api/v1/scenarios' },
    apiDiffers: "stored scenarios come back in the store's (name) order, the CLI's in the file's; test/server/analysis.test.ts compares them sorted",
  },
  { name: 'disjoint-baku-almaty-srlg', args: ['disjoint', 'Baku', 'Almaty', '--by', 'srlg'], api: { url: '/api/v1/disjoint?from=Baku&to=Almaty&by=srlg' } },
  { name: 'cut-srlg-tcfo', args: ['cut', '--srlg', 'caspian-tcfo-corridor'], api: { method: 'POST', url: '/api/v1/cut', payload: { srlgs: ['caspian-tcfo-corridor'] } } },
  {
    name: 'cut-circle-baku',
    args: ['cut', '--circle', '40.4,49.9,60', '--pairs', 'Baku:Almaty'],
    api: { method: 'POST', url: '/api/v1/cut', payload: { circles: [{ lat: 40.4, lon: 49.9, radiusKm: 60 }], pairs: [{ from: 'Baku', to: 'Almaty' }] } },
  },
  // The API runs sweeps as jobs (test/server/analysis.test.ts compares a job's result with the CLI).
  { name: 'sweep-failures-1-top-10', args: ['sweep', '--failures', '1', '--top', '10', '--threads', '1'] },
  {
    name: 'availability-frankfurt-shanghai-restoration',
    args: ['availability', 'Frankfurt', 'Shanghai', '--protection', 'restoration'],
    api: { url: '/api/v1/availability?from=Frankfurt&to=Shanghai&protection=restoration' },
  },
  {
    name: 'optical-path-baku-almaty',
    args: ['optical', 'path', 'Baku', 'Almaty'],
    api: { url: '/api/v1/optical/path?from=Baku&to=Almaty' },
  },
  {
    name: 'optical-path-tbilisi-aktau-avoid-submarine-power',
    args: ['optical', 'path', 'Tbilisi', 'Aktau', '--avoid-kind', 'submarine', '--mode', 'mode 2', '--power-dbm', '1'],
    api: { url: '/api/v1/optical/path?from=Tbilisi&to=Aktau&avoidKind=submarine&mode=mode%202&powerDbm=1' },
  },
  {
    name: 'optical-path-tbilisi-baku-openroadm',
    args: ['optical', 'path', 'Tbilisi', 'Baku', '--transceiver', 'openroadm-ver5'],
  },
  { name: 'optical-span-tcfo', args: ['optical', 'span', 'tcfo-sumgait-aktau'], api: { url: '/api/v1/optical/span?link=tcfo-sumgait-aktau' } },
  {
    name: 'optical-reach-pairs',
    args: ['optical', 'reach', '--pairs', 'Baku:Almaty'],
    api: { url: '/api/v1/optical/reach?pairs=Baku:Almaty' },
  },
  {
    name: 'optical-path-gnpy-long',
    args: ['optical', 'path', 'Site A', 'Site B', '--gnpy-topology', 'src/io/fixtures/gnpy/test_long_network.json', '--gnpy-equipment', 'src/io/fixtures/gnpy/tests_eqpt_config.json'],
  },
  // A GNPy document, not an answer: CLI only (src/io/gnpy-write.test.ts reads it back).
  { name: 'optical-export-tcfo', args: ['optical', 'export', '--link', 'tcfo-sumgait-aktau'], humanOnly: true },
  {
    name: 'error-gnpy-unknown-element',
    args: ['optical', 'path', 'Site_A', 'Site_B', '--gnpy-topology', 'test/fixtures/gnpy-unknown-element.json', '--gnpy-equipment', 'src/io/fixtures/gnpy/example_eqpt_config.json'],
    humanOnly: true,
  },
  {
    name: 'maxflow-europe-china-no-ru',
    args: ['maxflow', '--from-set', 'group:europe', '--to-set', 'country:CN', '--avoid-country', 'RU', '--default-gbps', '1000'],
    api: { url: '/api/v1/maxflow?fromSet=group:europe&toSet=country:CN&avoidCountry=RU&defaultGbps=1000' },
  },
  {
    name: 'maxflow-de-fr-china-baseline',
    args: ['maxflow', '--from-set', 'country:DE,country:FR', '--to-set', 'country:CN', '--scenario', 'baseline-2022'],
    api: { url: '/api/v1/maxflow?fromSet=country:DE,country:FR&toSet=country:CN&scenario=baseline-2022' },
  },
  { name: 'flow-sample-ecmp', args: ['flow', '--demands', 'test/fixtures/demands-corridor.json', '--routing', 'ecmp'], api: { method: 'POST', url: '/api/v1/flow?routing=ecmp', payload: sampleDemands } },
  {
    name: 'flow-sample-optimal',
    args: ['flow', '--demands', 'test/fixtures/demands-corridor.json', '--routing', 'optimal', '--default-gbps', '400'],
    api: { method: 'POST', url: '/api/v1/flow?routing=optimal&defaultGbps=400', payload: sampleDemands },
  },
  { name: 'hubs-baseline', args: ['hubs', '--scenario', 'baseline-2022'], api: { url: '/api/v1/hubs?scenario=baseline-2022' } },
  { name: 'error-demands-unknown-node', args: ['flow', '--demands', 'test/fixtures/demands-unknown-node.csv'], humanOnly: true },
  { name: 'calibrate', args: ['calibrate'], api: { url: '/api/v1/calibrate' } },
  { name: 'calibrate-max-match-700', args: ['calibrate', '--max-match-km', '700'], api: { url: '/api/v1/calibrate?maxMatchKm=700' } },
  { name: 'calibrate-3-fold', args: ['calibrate', '--folds', '3'], api: { url: '/api/v1/calibrate?folds=3' } },
  { name: 'route-frankfurt-beijing-floor-only', args: ['route', 'Frankfurt', 'Beijing', '--no-calibration'] },
  { name: 'calibrate-synthetic-csv', args: ['calibrate', '--measurements', 'test/fixtures/measurements-synthetic.csv'] },
  { name: 'route-frankfurt-beijing-calibrated', args: ['route', 'Frankfurt', 'Beijing', '--calibration', 'test/fixtures/calibration-synthetic.json'] },
  {
    name: 'compare-calibrated',
    args: ['compare', '--pairs', 'Frankfurt:Beijing,Baku:Almaty', '--calibration', 'test/fixtures/calibration-synthetic.json'],
  },
  { name: 'error-calibrate-unknown-city', args: ['calibrate', '--measurements', 'test/fixtures/measurements-unknown-city.csv'], humanOnly: true },
  { name: 'error-calibrate-bad-csv', args: ['calibrate', '--measurements', 'test/fixtures/measurements-bad.csv'], humanOnly: true },
  { name: 'error-unknown-node', args: ['route', 'Frankfrut', 'Shanghai'], humanOnly: true },
  { name: 'design-sndlib-ring', args: ['design', '--demands', 'test/fixtures/sndlib-ring.txt'] },
  { name: 'design-sndlib-ring-xml-survive-link', args: ['design', '--demands', 'test/fixtures/sndlib-ring.xml', '--survive', 'link', '--protect-all'] },
  { name: 'design-sndlib-ring-1plus1', args: ['design', '--demands', 'test/fixtures/sndlib-ring.txt', '--survive', 'link', '--protect-all', '--protection', '1+1'] },
  { name: 'design-sndlib-setup', args: ['design', '--demands', 'test/fixtures/sndlib-setup.txt'] },
  { name: 'design-sndlib-ring-strict', args: ['design', '--demands', 'test/fixtures/sndlib-ring.txt', '--survive', 'link', '--protect-all', '--protection', 'restoration-strict'] },
  { name: 'traffic-sweep-sample-srlg', args: ['traffic-sweep', '--demands', 'test/fixtures/demands-corridor.json', '--failures', 'srlg', '--top', '8'] },
  { name: 'traffic-sweep-gravity-ecmp', args: ['traffic-sweep', '--total-gbps', '10000', '--default-gbps', '1000', '--routing', 'ecmp', '--scenario', 'baseline-2022', '--top', '5'] },
  { name: 'error-traffic-sweep-unknown-node', args: ['traffic-sweep', '--demands', 'test/fixtures/demands-unknown-node.csv'], humanOnly: true },
  { name: 'traffic-sweep-gravity-country', args: ['traffic-sweep', '--total-gbps', '10000', '--default-gbps', '1000', '--failures', 'country', '--top', '8'] },
  { name: 'traffic-sweep-sample-country-optimal', args: ['traffic-sweep', '--demands', 'test/fixtures/demands-corridor.json', '--failures', 'country', '--routing', 'optimal', '--default-gbps', '100', '--top', '6'] },
  { name: 'error-design-bridge', args: ['design', '--demands', 'test/fixtures/sndlib-bridge.txt', '--survive', 'link', '--protect-all'], humanOnly: true },
  {
    name: 'design-corridor-modules-top2',
    args: ['design', '--demands', 'test/fixtures/demands-corridor.json', '--modules', 'test/fixtures/modules-corridor-synthetic.json', '--top-demands', '2', '--time-limit', '600'],
  },
  { name: 'error-design-no-modules', args: ['design', '--demands', 'test/fixtures/demands-corridor.json'], humanOnly: true },
  { name: 'error-design-modules-negative-cost', args: ['design', '--demands', 'test/fixtures/demands-corridor.json', '--modules', 'test/fixtures/modules-bad.json'], humanOnly: true },
  { name: 'error-design-sndlib-with-network', args: ['design', '--demands', 'test/fixtures/sndlib-ring.txt', '--modules', 'test/fixtures/modules-corridor-synthetic.json'], humanOnly: true },
  { name: 'error-bad-avoid-country', args: ['route', 'Frankfurt', 'Shanghai', '--avoid-country', 'Russia'], humanOnly: true },
]

/** One CLI run as a reviewable text: the command line, the exit code, stdout and (when non-empty) stderr. */
function render(args: string[], result: { code: number | null; stdout: string; stderr: string }): string {
  const parts = [`$ silkway ${args.join(' ')}`, `exit ${result.code}`, '--- stdout', result.stdout]
  if (result.stderr !== '') parts.push('--- stderr', result.stderr)
  return `${parts.join('\n')}\n`
}

/** Runs `jobs` with at most `limit` in flight (the machine is shared; the CLI takes ~150 ms a call). */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      results[i] = await jobs[i]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  return results
}

function check(file: string, actual: string): void {
  const path = join(dir, file)
  if (REGEN) {
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, actual)
    return
  }
  let expected: string
  try {
    expected = readFileSync(path, 'utf8')
  } catch {
    assert.fail(`${file} is missing: run REGEN=1 node scripts/test.mjs golden`)
  }
  assert.equal(actual, expected, `${file} changed (if intended: REGEN=1 node scripts/test.mjs golden, and review the diff)`)
}

const runs = new Map<string, { human: string; json?: { text: string; stdout: string } }>()
let server: TestServer

before(async () => {
  const jobs = CASES.flatMap((c) => [
    async () => ({ c, json: false, args: c.args, result: await silkwayAsync(c.args) }),
    ...(c.humanOnly ? [] : [async () => ({ c, json: true, args: [...c.args, '--json'], result: await silkwayAsync([...c.args, '--json']) })]),
  ])
  const done = await pool(jobs, 4)
  for (const { c, json, args, result } of done) {
    const entry = runs.get(c.name) ?? { human: '' }
    if (json) entry.json = { text: render(args, result), stdout: result.stdout }
    else entry.human = render(args, result)
    runs.set(c.name, entry)
  }
  server = await testServer({ rateLimit: false, runJobs: false })
})
after(async () => {
  await server.close()
})

for (const c of CASES) {
  test(`golden CLI: silkway ${c.args.join(' ')}`, () => {
    const run = runs.get(c.name)
    assert.ok(run)
    check(`${c.name}.txt`, run.human)
    if (run.json) check(`${c.name}.json.txt`, run.json.text)
  })
}

for (const c of CASES.filter((c) => c.api)) {
  const api = c.api!
  test(`golden API: ${c.name} (${api.method ?? 'GET'} ${api.url})`, async () => {
    const r = await server.app.inject({ method: api.method ?? 'GET', url: api.url, headers: auth(server.viewer), payload: api.payload })
    assert.equal(r.statusCode, 200, r.body)
    // Saved pretty-printed for review; the raw body must be that document's compact form byte for byte.
    const body = JSON.parse(r.body)
    assert.equal(r.body, JSON.stringify(body), 'the body is compact JSON')
    const pretty = `${JSON.stringify(body, null, 2)}\n`
    check(`api/${c.name}.json`, pretty)
    if (c.apiDiffers) return
    const cli = runs.get(c.name)?.json
    assert.ok(cli)
    const expected = JSON.parse(cli.stdout)
    // The same document, but not the same bytes: the API's response serialiser puts schema-declared fields first
    // (e.g. `scenario` moves from first to last), so the CLI and API goldens differ in key order today.
    assert.deepStrictEqual(body, expected, 'the API answers what `silkway … --json` prints')
  })
}
