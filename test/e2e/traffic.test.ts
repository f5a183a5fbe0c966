/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { capacityWidthPx, marginColor, rateColor, utilisationColor } from '../../web/src/map/scales'
import { flowLinkText, opticalLinkText } from '../../web/src/panels/traffic-text'
import type { FlowResponse, HubsResponse, MaxflowResponse, OpticalReachAnswer, OpticalSpanAnswer } from '../../web/src/api'
import { scratchDir } from '../helpers'
import { type ServerProcess, api, killAll, spawnServer } from '../server/process'
import { ARGS, CHROMIUM, artifacts, cells, chromiumMissing, downloaded, numberIn, onScreen, openPage, seriousViolations, shot } from './harness'

/**
 * The Traffic tab end to end: the same answers the API gives, drawn as a person sees them — links coloured by
 * utilisation and margin (the colours compared with the scales applied to the API's own answer), the min cut, the
 * hub shares, the span diagram of the Trans-Caspian cable — and as a planner's tool (issue 10 §7, issue 13): its
 * forms in the address (a reload draws the same answer), a link's utilisation or optical margin on hover and by
 * keyboard (the API's figures for that link), demands uploaded as CSV with errors located by line and column.
 * Skipped (visibly) without /usr/bin/chromium.
 */

/** A feature of a map source as the page gives it (the map is `window.silkwayMap`, declared in web.test.ts). */
type Drawn = { properties: Record<string, unknown> }

const skip = chromiumMissing()
let server: ServerProcess
let browser: Browser
let token = ''
const foreign: string[] = []

after(async () => {
  await browser?.close()
  killAll()
})

const open = (path: string) => openPage(browser, server.url, token, path, undefined, foreign)
const get = async <T,>(path: string): Promise<T> => {
  const r = await api(server, token, 'GET', `/api/v1${path}`)
  assert.equal(r.status, 200, r.text)
  return r.json as T
}

/** The link-value overlay as drawn: one entry per link id (tiles may repeat a feature). */
const drawnLinkValues = (page: Page) =>
  page.evaluate(() => {
    const out: Record<string, { color: string; width: number; dashed: boolean }> = {}
    for (const f of (window.silkwayMap?.querySourceFeatures('link-values') ?? []) as Drawn[]) {
      const p = f.properties as { id: string; color: string; width: number; dashed: boolean }
      out[p.id] = { color: p.color, width: p.width, dashed: p.dashed }
    }
    return out
  })

const TOTAL_GBPS = 200_000

/** A cut link as the table names it: its name, else its ends' names. */
const cutLabel = (names: Map<string, string>) => (c: MaxflowResponse['cut'][number]) => c.name ?? `${names.get(c.a) ?? c.a} – ${names.get(c.b) ?? c.b}`

/** Waits until the map has drawn at least `n` valued links. */
const valuesDrawn = (page: Page, n = 50) => page.waitForFunction((k) => (window.silkwayMap?.querySourceFeatures('link-values').length ?? 0) > k, n)

/** The map at a centre and zoom, idle. */
const jump = (page: Page, center: [number, number], zoom: number) =>
  page.evaluate(
    ({ center, zoom }) =>
      new Promise<void>((resolve) => {
        const map = window.silkwayMap as unknown as { once(e: string, f: () => void): void; jumpTo(o: { center: [number, number]; zoom: number }): void }
        map.once('idle', resolve)
        map.jumpTo({ center, zoom })
      }),
    { center, zoom },
  )
/** The map over the Caspian at zoom 5 (the Trans-Caspian cable in the middle). */
const overCaspian = (page: Page) => jump(page, [50.5, 42], 5)
/** The whole corridor, Europe to China (the map was fitted to a demand's paths). */
const wholeCorridor = (page: Page) => jump(page, [60, 45], 2.4)

const TCFO = 'tcfo-sumgait-aktau'
/** A point on the Trans-Caspian cable's drawn line. */
const TCFO_AT: [number, number] = [50.44, 42.13]

/** The text of the pointer's hover popup (not the keyboard's). */
const hoverText = async (page: Page, at: [number, number]) => {
  const xy = await onScreen(page, at)
  await page.mouse.move(xy.x - 30, xy.y - 30)
  await page.mouse.move(xy.x, xy.y, { steps: 3 })
  const popup = page.locator('.hover-popup:not(.kbd-popup) .maplibregl-popup-content')
  await popup.waitFor()
  return (await popup.innerText()).trim()
}

describe('web app: traffic and optical layers (chromium)', { skip }, () => {
  before(async () => {
    mkdirSync(artifacts, { recursive: true })
    server = await spawnServer({ dataDir: scratchDir('e2e-traffic') })
    assert.ok(server.adminToken, server.output())
    const created = await api(server, server.adminToken, 'POST', '/api/v1/tokens', { user: 'e2e-traffic-viewer', role: 'viewer' })
    assert.equal(created.status, 201, created.text)
    token = created.json.token
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  })

  test('flow: links coloured by utilisation and wide by capacity, unknown capacity dashed; what does not fit; a demand\'s paths; exports', { timeout: 120_000 }, async () => {
    const { page, context, errors } = await open('/?tab=traffic')
    const routeButton = page.getByRole('button', { name: 'Route the demands' })
    // No total, no demands: the gravity model has no public total to assume.
    assert.ok(await routeButton.isDisabled())
    await page.getByLabel(/gravity-model demands/).fill(String(TOTAL_GBPS))
    await routeButton.click()
    const summary = page.getByLabel('Flow summary')
    await summary.filter({ hasText: 'Max utilisation' }).waitFor({ timeout: 60_000 })
    const answer = await get<FlowResponse>(`/flow?totalGbps=${TOTAL_GBPS}&scenario=digital-silk-way`)
    assert.equal(answer.scenario, 'digital-silk-way')
    assert.match(await summary.innerText(), new RegExp(`Max utilisation ${Math.round((answer.maxUtilisation ?? 0) * 100)} %`))
    assert.ok(answer.overloadedLinks.length > 0 && answer.capacity.unknownLinks.length > 0, 'the case shows an overload and unknown capacities')

    // Every link drawn with the scale's colour and width for the API's figure; unknown capacity dashed grey.
    await page.waitForFunction(() => (window.silkwayMap?.querySourceFeatures('link-values').length ?? 0) > 50)
    const drawn = await drawnLinkValues(page)
    assert.ok(Object.keys(drawn).length >= 100, `${Object.keys(drawn).length} links drawn`)
    for (const l of answer.links) {
      const d = drawn[l.id]
      if (!d) continue
      assert.deepEqual(d, { color: utilisationColor(l.utilisation), width: capacityWidthPx(l.capacityGbps), dashed: l.capacityGbps === null }, l.id)
    }
    const overloaded = answer.overloadedLinks.filter((id) => drawn[id])
    assert.ok(overloaded.length > 0 && overloaded.every((id) => drawn[id].color === utilisationColor(2)), 'overloaded links in the overload colour')
    const legend = page.getByRole('list', { name: 'Legend' })
    assert.equal((await legend.locator('[data-entry="utilisation"]').innerText()).trim(), 'utilisation 0 → 100 %')
    await legend.locator('[data-entry="overload"]').waitFor()
    assert.match(await legend.locator('[data-entry="capacity-unknown"]').innerText(), /capacity unknown \(no limit applied\)/)
    assert.match(await page.getByRole('note').filter({ hasText: 'no published capacity' }).innerText(), new RegExp(`^${answer.capacity.unknownLinks.length} links`))

    // What does not fit: the API's demands that do not fit, largest shortfall first.
    const unfit = answer.demands.filter((d) => !d.fits)
    await page.getByRole('heading', { name: `Demands that do not fit (${unfit.length})` }).waitFor()
    const unfitRows = await cells(page, 'Demands that do not fit')
    const shortfalls = unfitRows.map((r) => numberIn(r[4]))
    assert.deepEqual(shortfalls, [...shortfalls].sort((a, b) => b - a))

    // The largest demand, chosen in the table: its paths drawn, named with Gbit/s and ms, adding up to what was routed.
    await page.getByRole('table', { name: 'Demands', exact: true }).locator('tbody tr').first().click()
    const largest = [...answer.demands].sort((a, b) => b.gbps - a.gbps)[0]
    await page.getByRole('heading', { name: 'The demand’s paths' }).waitFor()
    await page.waitForFunction((n) => (window.silkwayMap?.querySourceFeatures('paths').length ?? 0) >= n, 1)
    const paths = await cells(page, 'Demand paths')
    assert.equal(paths.length, largest.paths.length)
    const sum = paths.reduce((s, r) => s + numberIn(r[1]), 0)
    assert.ok(Math.abs(sum - largest.routedGbps) <= 0.1 * paths.length + 1e-6, `${sum} vs ${largest.routedGbps}`)
    assert.equal(numberIn(paths[0][2]), Number((largest.paths[0].oneWayMs ?? Number.NaN).toFixed(1)))
    await legend.locator('[data-entry^="path-"]').first().waitFor()
    await shot(page, '60-traffic-flow-demand')

    // A click on the Trans-Caspian cable: the demands over it, their paths drawn.
    await page.getByRole('button', { name: 'Clear the demand' }).click()
    // The map was fitted to the demand's paths; back over the Caspian.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = window.silkwayMap as unknown as { once(e: string, f: () => void): void; jumpTo(o: { center: [number, number]; zoom: number }): void }
          map.once('idle', resolve)
          map.jumpTo({ center: [50.5, 42], zoom: 5 })
        }),
    )
    const tcfo = await onScreen(page, [50.44, 42.13])
    await page.mouse.click(tcfo.x, tcfo.y)
    await page.waitForFunction(() => /sel=link:tcfo-sumgait-aktau/.test(location.search))
    await page.getByRole('heading', { name: /^Demands over Trans-Caspian/ }).waitFor()
    const over = answer.demands.filter((d) => d.paths.some((p) => p.links.includes('tcfo-sumgait-aktau')))
    assert.ok(over.length > 0)
    const overRows = await cells(page, 'Demand paths')
    assert.equal(overRows.length, over.sort((a, b) => b.routedGbps - a.routedGbps).slice(0, 8).reduce((n, d) => n + d.paths.length, 0))
    await shot(page, '61-traffic-flow-utilisation')

    // Exports: the link table as CSV, the flow as GeoJSON with the API's figures.
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'Download Link loads as CSV' }).click())
    const lines = csv.bytes.toString('utf8').trim().split('\r\n')
    assert.equal(lines[0], 'link,load Gbit/s,capacity Gbit/s,utilisation,capacity from')
    assert.equal(lines.length - 1, answer.links.length)
    const geo = await downloaded(page, () => page.getByRole('button', { name: 'GeoJSON of the flow' }).click())
    assert.match(geo.name, /\.geojson$/)
    const fc = JSON.parse(geo.bytes.toString('utf8')) as { features: { properties: { id: string; utilisation: number | null; capacityGbps: number | null } }[] }
    const tcfoFeature = fc.features.find((f) => f.properties.id === 'tcfo-sumgait-aktau')
    const tcfoLink = answer.links.find((l) => l.id === 'tcfo-sumgait-aktau')
    assert.deepEqual(tcfoFeature && { u: tcfoFeature.properties.utilisation, c: tcfoFeature.properties.capacityGbps }, tcfoLink && { u: tcfoLink.utilisation, c: tcfoLink.capacityGbps })

    // The PNG export draws the ramp: the swatch's left end is the ramp's first colour, its right end the last.
    const entries = await legend.locator('li').evaluateAll((li) => li.map((e) => e.getAttribute('data-entry')))
    const row = entries.indexOf('utilisation')
    const png = await downloaded(page, () => page.getByRole('button', { name: 'Save the map as PNG' }).click())
    const pixels = await page.evaluate(
      async ({ base64, y }) => {
        const image = new Image()
        image.src = `data:image/png;base64,${base64}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
        ctx.drawImage(image, 0, 0)
        // No named helper here: the test's transpiler would wrap it in a __name() the page does not have.
        const [left, right] = [17, 39].map((x) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)])
        return { left, right }
      },
      { base64: png.bytes.toString('base64'), y: 26 + 18 * (row + 1) - 4 },
    )
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    const near = (a: number[], b: number[]) => a.every((c, i) => Math.abs(c - b[i]) <= 24)
    // The swatch spans x 16–40: a pixel's centre at x + 0.5 is that far along the ramp.
    assert.ok(near(pixels.left, rgb(utilisationColor(1.5 / 24))) && near(pixels.right, rgb(utilisationColor(23.5 / 24))), JSON.stringify(pixels))
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('flow on a demands file: a broken file and an unknown node said in words, a good file routed', { timeout: 90_000 }, async () => {
    const { page, context } = await open('/?tab=traffic')
    await page.getByRole('radio', { name: 'a demands file' }).check()
    const input = page.getByLabel(/Demands file/)
    const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
    await input.setInputFiles(file('broken.json', '{"schemaVersion": 1, "demands": ['))
    await page.getByRole('alert').filter({ hasText: /^broken\.json: / }).waitFor()
    assert.ok(await page.getByRole('button', { name: 'Route the demands' }).isDisabled())
    const demand = (from: string) => JSON.stringify({ schemaVersion: 1, demands: [{ id: 'd1', from, to: 'Shanghai', gbps: 100, class: 'unprotected' }] })
    await input.setInputFiles(file('typo.json', demand('Frankfrut')))
    await page.getByRole('button', { name: 'Route the demands' }).click()
    // The server's located message, with its code in the details line.
    const alert = page.getByRole('alert').filter({ hasText: "demands[0].from: no node 'Frankfrut'; closest: frankfurt (Frankfurt, DE)" })
    await alert.waitFor()
    await alert.getByText('Details').click()
    await alert.getByText('SW_INVALID_DOCUMENT').waitFor()
    await input.setInputFiles(file('one.json', demand('Frankfurt')))
    await page.getByRole('button', { name: 'Route the demands' }).click()
    await page.getByLabel('Flow summary').filter({ hasText: 'routed 100 of 100 Gbit/s' }).waitFor()
    assert.deepEqual((await cells(page, 'Demands')).map((r) => r.slice(0, 3)), [['Frankfurt', 'Shanghai', '100.0']])
    await context.close()
  })

  test('max-flow between two sets: the value and the minimum cut drawn and named; a country avoided; a bad set in words', { timeout: 90_000 }, async () => {
    const { page, context } = await open('/?tab=traffic')
    await page.getByRole('button', { name: 'Max-flow' }).click()
    assert.equal(await page.getByLabel(/^From:/).inputValue(), 'group:europe')
    assert.equal(await page.getByLabel(/^To:/).inputValue(), 'country:CN')
    await page.getByRole('button', { name: 'Find the maximum flow' }).click()
    const summary = page.getByLabel('Max-flow summary')
    await summary.waitFor({ timeout: 60_000 })
    const legend = page.getByRole('list', { name: 'Legend' })
    // Links of unknown capacity carry without limit by default: the answer is unbounded, and the path that makes it so is shown.
    const unbounded = await get<MaxflowResponse>('/maxflow?fromSet=group:europe&toSet=country:CN&scenario=digital-silk-way')
    assert.equal(unbounded.unbounded, true, 'the corridor publishes too few capacities for a bounded answer')
    assert.match(await summary.innerText(), /^Unbounded: a path of links of unknown capacity joins the two sets/)
    await legend.locator('[data-entry="unbounded-path"]').waitFor()
    await page.waitForFunction(() => (window.silkwayMap?.querySourceFeatures('emphasis').length ?? 0) > 0)
    // A capacity assumed for those links (1 Tbit/s): a bottleneck, the API's, named and drawn as the cut.
    await page.getByLabel(/capacity of links the basis gives none/).fill('1000')
    await page.getByRole('button', { name: 'Find the maximum flow' }).click()
    const answer = await get<MaxflowResponse>('/maxflow?fromSet=group:europe&toSet=country:CN&defaultGbps=1000&scenario=digital-silk-way')
    assert.equal(answer.unbounded, false)
    await summary.filter({ hasText: `${Math.round(answer.valueGbps ?? 0).toLocaleString('en-GB')} Gbit/s in each direction` }).waitFor()
    const stored = await get<{ network: { nodes: { id: string; name: string }[] } }>('/networks/corridor')
    const label = cutLabel(new Map(stored.network.nodes.map((n) => [n.id, n.name])))
    const rows = await cells(page, 'Minimum cut')
    assert.deepEqual(rows.map((r) => r[0]).sort(), answer.cut.map(label).sort())
    assert.deepEqual(rows.map((r) => r[2]).sort(), answer.cut.map((c) => c.capacityMethod).sort())
    await page.waitForFunction((n) => (window.silkwayMap?.querySourceFeatures('cut').length ?? 0) >= n, Math.min(answer.cut.length, 1))
    await legend.locator('[data-entry="cut"]').waitFor()
    assert.equal(await legend.locator('[data-entry="unbounded-path"]').count(), 0)
    await shot(page, '62-traffic-maxflow')

    // Without Russia: the API's answer for the same question, the country shaded.
    await page.locator('summary', { hasText: 'Avoid countries' }).click()
    await page.getByRole('group', { name: 'Avoid countries' }).getByLabel('Russia').check()
    await page.getByRole('button', { name: 'Find the maximum flow' }).click()
    const noRu = await get<MaxflowResponse>('/maxflow?fromSet=group:europe&toSet=country:CN&defaultGbps=1000&avoidCountry=RU&scenario=digital-silk-way')
    const expected = noRu.unbounded ? /Unbounded/ : new RegExp(`${Math.round(noRu.valueGbps ?? 0).toLocaleString('en-GB')} Gbit/s`)
    await summary.filter({ hasText: expected }).waitFor()
    await page.waitForFunction(() => JSON.stringify(window.silkwayMap?.getFilter('shade')).includes('RU'))
    assert.deepEqual((await cells(page, 'Minimum cut')).map((r) => r[0]).sort(), noRu.cut.map(label).sort())
    await shot(page, '62b-traffic-maxflow-no-russia')

    // A set that names no node: the server's located message, in words, with its code in the details.
    await page.getByLabel(/^From:/).fill('Atlantis')
    await page.getByRole('button', { name: 'Find the maximum flow' }).click()
    const alert = page.getByRole('alert').filter({ hasText: /Atlantis/ })
    await alert.waitFor()
    assert.match(await alert.innerText(), /no node 'Atlantis'/)
    await context.close()
  })

  test('hubs: transit share per country before and after as bars and a table, and the top nodes', { timeout: 90_000 }, async () => {
    const { page, context } = await open('/?tab=traffic')
    await page.getByRole('button', { name: 'Hubs' }).click()
    const figure = page.getByRole('figure', { name: /Transit share of the Europe–Asia demand/ })
    await figure.locator('svg rect').first().waitFor({ timeout: 60_000 })
    const [before, after] = await Promise.all(['baseline-2022', 'digital-silk-way'].map((s) => get<HubsResponse>(`/hubs?scenario=${s}&top=5`)))
    const share = (a: HubsResponse, c: string) => a.countries.find((x) => x.country === c)?.europeAsiaShare ?? 0
    const kz = (await cells(page, 'Transit share per country')).find((r) => r[0] === 'Kazakhstan')
    assert.ok(kz, 'Kazakhstan listed')
    assert.equal(kz[1], `${(share(before, 'KZ') * 100).toFixed(1)} %`)
    assert.equal(kz[2], `${(share(after, 'KZ') * 100).toFixed(1)} %`)
    // One bar per scenario for each of the (at most 8) countries with the largest share in either.
    const shareOf = (c: HubsResponse['countries'][number]) => c.europeAsiaShare ?? c.transitShare
    const most = new Map<string, number>()
    for (const c of [...before.countries, ...after.countries]) most.set(c.country, Math.max(most.get(c.country) ?? 0, shareOf(c)))
    const top = [...most].filter(([, x]) => x > 0).sort((x, y) => y[1] - x[1]).slice(0, 8).map(([c]) => c)
    const expectedBars = [before, after].reduce((n, a) => n + a.countries.filter((c) => top.includes(c.country)).length, 0)
    await page.waitForFunction((n) => document.querySelectorAll('figure[aria-label^="Transit share"] svg g[aria-label="bar"] rect').length === n, expectedBars)
    const nodes = await cells(page, 'Top nodes')
    assert.deepEqual(nodes.map((r) => r[1]), [...before.nodes, ...after.nodes].map((n) => n.name))
    await shot(page, '63-traffic-hubs')
    await context.close()
  })

  test('optical: links coloured by best rate and by margin; the Trans-Caspian cable\'s span diagram and its unrepeatered verdict', { timeout: 120_000 }, async () => {
    const { page, context } = await open('/?tab=traffic')
    await page.getByRole('button', { name: 'Optical' }).click()
    await page.getByLabel('Optical summary').waitFor({ timeout: 90_000 })
    const reach = await get<OpticalReachAnswer>('/optical/reach?scenario=digital-silk-way')
    const rates = [...new Set(reach.links.map((l) => l.rateGbps))]
    await page.waitForFunction(() => (window.silkwayMap?.querySourceFeatures('link-values').length ?? 0) > 50)
    let drawn = await drawnLinkValues(page)
    for (const l of reach.links) if (drawn[l.linkId]) assert.equal(drawn[l.linkId].color, l.designed ? rateColor(l.rateGbps, rates) : marginColor(null), l.linkId)
    await page.getByLabel('optical margin').check()
    await page.getByRole('list', { name: 'Legend' }).locator('[data-entry="margin"]').waitFor()
        await page.waitForFunction(
      (expected) => ((window.silkwayMap?.querySourceFeatures('link-values') ?? []) as Drawn[]).every((f) => expected[String(f.properties.id)] === undefined || expected[String(f.properties.id)] === f.properties.color),
      Object.fromEntries(reach.links.map((l) => [l.linkId, l.designed ? marginColor(l.marginDb) : marginColor(null)])),
    )
    drawn = await drawnLinkValues(page)
    assert.ok(Object.keys(drawn).length >= 100)
    await shot(page, '64-optical-margin')

    // The cable chosen in the table: its spans to scale, the repeater sites, the verdicts.
    await page.getByLabel('Filter Optical reach per link').fill('Trans-Caspian')
    await page.getByRole('table', { name: 'Optical reach per link' }).locator('tbody tr').first().click()
    const span = await get<OpticalSpanAnswer>('/optical/span?link=tcfo-sumgait-aktau&scenario=digital-silk-way')
    const diagram = page.getByRole('img', { name: /^Span diagram/ })
    await diagram.waitFor({ timeout: 60_000 })
    const n = span.design.spans.length
    assert.match((await diagram.getAttribute('aria-label')) ?? '', new RegExp(`^Span diagram: ${n} spans, ${n - 1} repeater sites, ${Math.round(span.lengthKm)} km`))
    assert.equal(await diagram.locator('[data-span]').count(), n)
    assert.equal(await diagram.locator('[data-site]').count(), n - 1)
    const labels = await diagram.locator('text').allTextContents()
    assert.ok(labels.includes(`${Math.round(span.design.spans[0].lengthKm)} km`) && labels.includes(`${span.design.spans[0].lossDb.toFixed(1)} dB`), labels.join(' | '))
    const verdict = await page.getByLabel('Optical verdict').innerText()
    if (span.bestMode) assert.match(verdict, new RegExp(`Closes at ${span.bestMode.bitRateGbps}G`))
    else assert.match(verdict, /No mode closes/)
    const unrepeatered = page.locator('details.unrepeatered')
    if (!(await unrepeatered.evaluate((d) => (d as HTMLDetailsElement).open))) await unrepeatered.locator('summary').click()
    const options = await cells(page, 'Unrepeatered options')
    assert.equal(options.length, span.unrepeateredOptions.length)
    const crossing = span.unrepeateredOptions.filter((o) => o.modes.some((m) => m.feasible)).length
    assert.match(await page.getByLabel('Unrepeatered verdict').innerText(), crossing ? new RegExp(`^${crossing} of ${options.length}`) : /^No fibre/)
    await page.getByRole('region', { name: 'Line design' }).scrollIntoViewIfNeeded()
    await shot(page, '65-optical-span-tcfo')

    // The same diagram with the link's details in Explore.
    const explore = await open('/?sel=link:tcfo-sumgait-aktau')
    await explore.page.getByRole('img', { name: /^Span diagram/ }).waitFor({ timeout: 60_000 })
    await explore.page.getByRole('region', { name: 'Line design' }).scrollIntoViewIfNeeded()
    await shot(explore.page, '66-explore-span-tcfo')
    await explore.context.close()
    await context.close()
  })

  test('accessibility: axe-core finds no serious or critical violation on the Traffic views and the span diagram', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })
    await context.addInitScript((t) => sessionStorage.setItem('silkway.token', t), token)
    const page = await context.newPage()
    await page.goto(`${server.url}/?tab=traffic`)
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    const found: string[] = []
    await page.getByLabel(/gravity-model demands/).fill('20000')
    await page.getByRole('button', { name: 'Route the demands' }).click()
    await page.getByRole('table', { name: 'Link loads' }).locator('tbody tr').first().waitFor({ timeout: 60_000 })
    found.push(...(await seriousViolations(page)).map((v) => `flow: ${v}`))
    // The answer out of date after a change of the form, and a broken CSV refused.
    await page.locator('select[name="routing"]').selectOption('ecmp')
    await page.getByRole('status').filter({ hasText: /^Out of date/ }).waitFor()
    await page.getByRole('radio', { name: 'a demands file' }).check()
    await page.getByLabel(/Demands file/).setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('from,to,gbps\nBaku,Almaty,ten\n') })
    await page.getByRole('alert').filter({ hasText: /^bad\.csv: line 2, gbps/ }).waitFor()
    found.push(...(await seriousViolations(page)).map((v) => `flow, out of date, broken CSV: ${v}`))
    await page.getByRole('button', { name: 'Max-flow' }).click()
    await page.getByRole('button', { name: 'Find the maximum flow' }).click()
    await page.getByLabel('Max-flow summary').waitFor({ timeout: 60_000 })
    found.push(...(await seriousViolations(page)).map((v) => `max-flow: ${v}`))
    await page.getByRole('button', { name: 'Hubs' }).click()
    await page.getByRole('figure', { name: /Transit share/ }).locator('svg').first().waitFor({ timeout: 60_000 })
    found.push(...(await seriousViolations(page)).map((v) => `hubs: ${v}`))
    await page.getByRole('button', { name: 'Optical' }).click()
    await page.getByLabel('Optical summary').waitFor({ timeout: 90_000 })
    found.push(...(await seriousViolations(page)).map((v) => `optical: ${v}`))
    await page.goto(`${server.url}/?sel=link:tcfo-sumgait-aktau`)
    await page.getByRole('img', { name: /^Span diagram/ }).waitFor({ timeout: 60_000 })
    found.push(...(await seriousViolations(page)).map((v) => `span diagram: ${v}`))
    assert.deepEqual(found, [])
    await context.close()
  })

  test('flow: the form and the chosen demand are in the address; a reload asks again and draws the same answer', { timeout: 150_000 }, async () => {
    const { page, context, errors } = await open('/?tab=traffic')
    await page.getByLabel(/gravity-model demands/).fill(String(TOTAL_GBPS))
    await page.locator('select[name="routing"]').selectOption('ecmp')
    await page.getByLabel(/capacity of links the basis gives none/).fill('2000')
    await page.getByRole('button', { name: 'Route the demands' }).click()
    const summary = page.getByLabel('Flow summary')
    await summary.filter({ hasText: 'Max utilisation' }).waitFor({ timeout: 60_000 })
    await page.waitForFunction((total) => /routing=ecmp/.test(location.search) && new RegExp(`totalGbps=${total}\\b`).test(location.search) && /defaultGbps=2000/.test(location.search), TOTAL_GBPS)
    // The largest demand chosen: its id joins the address.
    await page.getByRole('table', { name: 'Demands', exact: true }).locator('tbody tr').first().click()
    await page.getByRole('heading', { name: 'The demand’s paths' }).waitFor()
    await page.waitForFunction(() => /[?&]demand=/.test(location.search))
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('tab'), 'traffic')
    assert.equal(url.searchParams.get('traffic'), null, 'flow is the default view')

    // The API's answer for the same question: what the map must draw, before and after the reload.
    const answer = await get<FlowResponse>(`/flow?totalGbps=${TOTAL_GBPS}&routing=ecmp&defaultGbps=2000&scenario=digital-silk-way`)
    const largest = [...answer.demands].sort((a, b) => b.gbps - a.gbps)[0]
    assert.equal(url.searchParams.get('demand'), largest.id)
    const expected = Object.fromEntries(answer.links.map((l) => [l.id, { color: utilisationColor(l.utilisation), width: capacityWidthPx(l.capacityGbps), dashed: l.capacityGbps === null }]))
    await wholeCorridor(page)
    await valuesDrawn(page)
    const before = { drawn: await drawnLinkValues(page), summary: await summary.innerText(), paths: await cells(page, 'Demand paths') }

    await page.reload()
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    await summary.filter({ hasText: 'Max utilisation' }).waitFor({ timeout: 60_000 })
    // The form as it was…
    assert.equal(await page.getByLabel(/gravity-model demands/).inputValue(), String(TOTAL_GBPS))
    assert.equal(await page.locator('select[name="routing"]').inputValue(), 'ecmp')
    assert.equal(await page.getByLabel(/capacity of links the basis gives none/).inputValue(), '2000')
    // …and the same answer drawn: summary, the demand's paths, every link's colour and width (the API's, through the scales).
    await page.getByRole('heading', { name: 'The demand’s paths' }).waitFor()
    await wholeCorridor(page)
    await valuesDrawn(page)
    const afterReload = { drawn: await drawnLinkValues(page), summary: await summary.innerText(), paths: await cells(page, 'Demand paths') }
    assert.equal(afterReload.summary, before.summary)
    assert.match(afterReload.summary, new RegExp(`Max utilisation ${Math.round((answer.maxUtilisation ?? 0) * 100)} %.*· ecmp`))
    assert.deepEqual(afterReload.paths, before.paths)
    assert.equal(afterReload.paths.length, largest.paths.length)
    assert.ok(Object.keys(afterReload.drawn).length >= 100, `${Object.keys(afterReload.drawn).length} links drawn`)
    assert.deepEqual(afterReload.drawn, before.drawn)
    for (const [id, d] of Object.entries(afterReload.drawn)) assert.deepEqual(d, expected[id], id)
    await shot(page, '67-traffic-flow-reloaded')

    // A change of the form marks the answer out of date until it is asked again.
    await page.locator('select[name="routing"]').selectOption('shortest')
    await page.getByRole('status').filter({ hasText: /^Out of date/ }).waitFor()
    await page.waitForFunction(() => !/routing=/.test(location.search))
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('switching views keeps their answers: Flow → Hubs → Flow asks nothing again; only the view the address opened asks at once', { timeout: 150_000 }, async () => {
    const { page, context, errors } = await open('/?tab=traffic')
    const asked: string[] = []
    page.on('request', (r) => {
      const { pathname } = new URL(r.url())
      if (/^\/api\/v1\/(flow|maxflow|hubs|optical\/reach)$/.test(pathname)) asked.push(pathname.slice('/api/v1/'.length))
    })
    const count = (what: string) => asked.filter((a) => a === what).length
    const view = (name: string) => page.getByRole('button', { name, exact: true }).click()
    const flowSummary = page.getByLabel('Flow summary')
    await page.getByLabel(/gravity-model demands/).fill(String(TOTAL_GBPS))
    await page.getByRole('button', { name: 'Route the demands' }).click()
    await flowSummary.waitFor({ timeout: 60_000 })
    const shown = await flowSummary.innerText()
    await view('Hubs')
    await page.getByRole('figure', { name: /Transit share/ }).locator('svg rect').first().waitFor({ timeout: 60_000 })
    assert.deepEqual([count('flow'), count('hubs')], [1, 2], asked.join(' '))
    // Back to Flow: the kept answer at once, not asked again; back to Hubs: the same.
    await view('Flow')
    await flowSummary.waitFor()
    assert.equal(await flowSummary.innerText(), shown)
    await view('Hubs')
    await page.getByRole('figure', { name: /Transit share/ }).locator('svg rect').first().waitFor()
    // Let any request a remount might have started reach the network before counting.
    await page.waitForTimeout(500)
    assert.deepEqual([count('flow'), count('hubs')], [1, 2], asked.join(' '))
    // A view the user switches to waits for its button; then it keeps its answer too.
    await view('Max-flow')
    const maxflowSummary = page.getByLabel('Max-flow summary')
    await page.getByRole('button', { name: 'Find the maximum flow' }).waitFor()
    assert.equal(await maxflowSummary.count(), 0)
    await page.getByRole('button', { name: 'Find the maximum flow' }).click()
    await maxflowSummary.waitFor({ timeout: 60_000 })
    await view('Flow')
    await flowSummary.waitFor()
    await view('Max-flow')
    await maxflowSummary.waitFor()
    await page.waitForTimeout(500)
    assert.deepEqual([count('flow'), count('hubs'), count('maxflow'), count('optical/reach')], [1, 2, 1, 0], asked.join(' '))
    // The address now opens Max-flow: a reload asks it at once, and Flow, switched to, waits for its button.
    await page.waitForFunction(() => /traffic=maxflow/.test(location.search))
    await page.reload()
    await maxflowSummary.waitFor({ timeout: 60_000 })
    await view('Flow')
    await page.getByRole('button', { name: 'Route the demands' }).waitFor()
    await page.waitForTimeout(500)
    assert.deepEqual([count('flow'), count('hubs'), count('maxflow')], [1, 2, 2], asked.join(' '))
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('max-flow and optical: a shared link opens the view with its form and its answer', { timeout: 150_000 }, async () => {
    // From group:europe, the form's default (left out of the address).
    const path = '/?tab=traffic&traffic=maxflow&toSet=country:CN,country:KZ&defaultGbps=1000&avoidCountry=RU'
    const { page, context } = await open(path)
    assert.equal(await page.getByLabel(/^To:/).inputValue(), 'country:CN,country:KZ')
    assert.equal(await page.getByLabel(/capacity of links the basis gives none/).inputValue(), '1000')
    await page.locator('summary', { hasText: 'Avoid countries (1)' }).click()
    assert.ok(await page.getByRole('group', { name: 'Avoid countries' }).getByLabel('Russia').isChecked())
    const answer = await get<MaxflowResponse>('/maxflow?fromSet=group:europe&toSet=country:CN,country:KZ&defaultGbps=1000&avoidCountry=RU&scenario=digital-silk-way')
    const summary = page.getByLabel('Max-flow summary')
    await summary.filter({ hasText: answer.unbounded ? /^Unbounded/ : `${Math.round(answer.valueGbps ?? 0).toLocaleString('en-GB')} Gbit/s in each direction` }).waitFor({ timeout: 60_000 })
    assert.equal((await cells(page, 'Minimum cut')).length, answer.cut.length)
    await page.waitForFunction(() => JSON.stringify(window.silkwayMap?.getFilter('shade')).includes('RU'))
    // The address the page keeps is the one it was opened with (and the map's view, once it moved).
    const kept = new URL(page.url()).searchParams
    kept.delete('view')
    assert.equal(decodeURIComponent(kept.toString()), path.slice(2))

    const optical = await open('/?tab=traffic&traffic=optical&colour=margin')
    assert.ok(await optical.page.getByLabel('optical margin').isChecked())
    await optical.page.getByLabel('Optical summary').waitFor({ timeout: 90_000 })
    const reach = await get<OpticalReachAnswer>('/optical/reach?scenario=digital-silk-way')
    await valuesDrawn(optical.page)
    const drawn = await drawnLinkValues(optical.page)
    assert.ok(Object.keys(drawn).length >= 100)
    for (const l of reach.links) if (drawn[l.linkId]) assert.equal(drawn[l.linkId].color, l.designed ? marginColor(l.marginDb) : marginColor(null), l.linkId)
    await optical.context.close()
    await context.close()
  })

  test("hovering a link says its load, capacity and utilisation (the API's), or its margin and rate; L announces the same", { timeout: 150_000 }, async () => {
    const { page, context } = await open(`/?tab=traffic&totalGbps=${TOTAL_GBPS}`)
    const summary = page.getByLabel('Flow summary')
    await summary.filter({ hasText: 'Max utilisation' }).waitFor({ timeout: 60_000 })
    const answer = await get<FlowResponse>(`/flow?totalGbps=${TOTAL_GBPS}&scenario=digital-silk-way`)
    const byId = new Map(answer.links.map((l) => [l.id, l]))
    const tcfo = byId.get(TCFO)
    assert.ok(tcfo)
    await valuesDrawn(page)
    await overCaspian(page)
    const text = await hoverText(page, TCFO_AT)
    assert.match(text, /^Trans-Caspian/)
    assert.ok(text.endsWith(` · ${flowLinkText(tcfo)}`), text)
    assert.match(flowLinkText(tcfo), tcfo.capacityGbps === null ? /capacity unknown$/ : /utilisation [\d.]+ %$/)
    await shot(page, '68-traffic-hover-utilisation')

    // By keyboard: every link in view announced with the same words as its hover; unknown capacity said so.
    await page.mouse.move(5, 5)
    await page.locator('.maplibregl-canvas').focus()
    const announced = async (pattern: RegExp) => {
      await page.waitForFunction(([source, flags]) => new RegExp(source, flags).test(document.querySelector('[data-testid="map-announcer"]')?.textContent ?? ''), [pattern.source, pattern.flags] as const)
      return (await page.getByTestId('map-announcer').textContent()) ?? ''
    }
    await page.keyboard.press('l')
    const first = await announced(/: link 1 of \d+ in view/)
    const total = Number(/: link 1 of (\d+) in view/.exec(first)?.[1])
    assert.ok(total > 3, `${total} links in view`)
    const said: string[] = [first]
    for (let i = 1; i < total; i++) {
      await page.keyboard.press('l')
      said.push(await announced(new RegExp(`: link ${i + 1} of ${total} in view`)))
    }
    const tcfoSaid = said.find((s) => s.startsWith('Trans-Caspian'))
    assert.ok(tcfoSaid, said.join('\n'))
    assert.ok(tcfoSaid.includes(`, ${flowLinkText(tcfo)}: link `), tcfoSaid)
    // Each announcement carries a value: the links of the flow answer are every link of the scenario.
    for (const s of said) assert.match(s, /, load [\d,.]+ (of [\d,]+ Gbit\/s · utilisation [\d.]+ %|Gbit\/s · capacity unknown): link /, s)
    const unknownInView = said.filter((s) => s.includes('capacity unknown')).length
    assert.ok(unknownInView > 0, 'the corridor over the Caspian has links of unknown capacity')

    // The optical view: margin and best rate of that link, the API's.
    await page.getByRole('button', { name: 'Optical' }).click()
    await page.getByLabel('Optical summary').waitFor({ timeout: 90_000 })
    const reach = await get<OpticalReachAnswer>('/optical/reach?scenario=digital-silk-way')
    const row = reach.links.find((l) => l.linkId === TCFO)
    assert.ok(row)
    await page.waitForFunction(() => (window.silkwayMap?.querySourceFeatures('link-values').length ?? 0) > 50)
    const optical = await hoverText(page, [TCFO_AT[0] + 0.01, TCFO_AT[1]])
    assert.ok(optical.endsWith(` · ${opticalLinkText(row)}`), optical)
    assert.match(optical, row.designed && row.rateGbps > 0 ? /best \d+G.* · margin -?[\d.]+ dB$/ : /(no mode closes|not designed)/)
    await shot(page, '69-optical-hover-margin')
    await context.close()
  })

  test('demands as CSV: a good file routed, a broken row and an unknown node said by line and column', { timeout: 120_000 }, async () => {
    const { page, context, errors } = await open('/?tab=traffic')
    await page.getByRole('radio', { name: 'a demands file' }).check()
    const input = page.getByLabel(/Demands file/)
    const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
    const button = page.getByRole('button', { name: 'Route the demands' })

    await input.setInputFiles(csv('bad.csv', 'from,to,gbps\nFrankfurt,Shanghai,100\nBaku,Almaty,ten\nBaku,,5\n'))
    await page.getByRole('alert').filter({ hasText: "bad.csv: line 3, gbps: 'ten' is not a number of Gbit/s ≥ 0; line 4, to: missing to" }).waitFor()
    assert.ok(await button.isDisabled(), 'a file with a broken row is refused whole')
    await shot(page, '70-traffic-csv-broken')

    // Rows are resolved by the server; its message is pointed back at the file's line.
    await input.setInputFiles(csv('typo.csv', '# from,to,gbps\nFrankfurt,Shanghai,100\nFrankfrut,Shanghai,5\n'))
    await button.click()
    const alert = page.getByRole('alert').filter({ hasText: "line 3, from: no node 'Frankfrut'" })
    await alert.waitFor()
    await alert.getByText('Details').click()
    await alert.getByText('SW_INVALID_DOCUMENT').waitFor()

    await input.setInputFiles(csv('good.csv', 'from,to,gbps,year,class\nFrankfurt,Shanghai,100,2026,protected\nBaku,Almaty,50\n'))
    await page.getByText('good.csv: 2 demands (CSV).').waitFor()
    await button.click()
    await page.getByLabel('Flow summary').filter({ hasText: 'routed 150 of 150 Gbit/s' }).waitFor({ timeout: 60_000 })
    const rows = (await cells(page, 'Demands')).map((r) => r.slice(0, 3))
    assert.deepEqual(rows, [
      ['Frankfurt', 'Shanghai', '100.0'],
      ['Baku', 'Almaty', '50.0'],
    ])
    // The same file through the API (the CLI's reader in both): the same routed figures.
    const body = { schemaVersion: 1, demands: [{ id: 'd2', from: 'Frankfurt', to: 'Shanghai', gbps: 100, year: 2026, class: 'protected' }, { id: 'd3', from: 'Baku', to: 'Almaty', gbps: 50, class: 'unprotected' }] }
    const posted = await api(server, token, 'POST', '/api/v1/flow?scenario=digital-silk-way', body)
    assert.equal(posted.status, 200, posted.text)
    const shownMs = (await cells(page, 'Demands')).map((r) => r[5])
    const apiMs = [...(posted.json as FlowResponse).demands].sort((a, b) => b.gbps - a.gbps).map((d) => (d.paths[0]?.oneWayMs ?? Number.NaN).toFixed(1))
    assert.deepEqual(shownMs, apiMs)
    // A file is not in the address: the link says a file was used, and a reload asks for it again.
    await page.waitForFunction(() => /demands=file/.test(location.search))
    await page.reload()
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    assert.ok(await page.getByRole('radio', { name: 'a demands file' }).isChecked())
    await page.getByText(/A file is not kept in the page's address/).waitFor()
    assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), [])
    await context.close()
  })

  test('nothing was fetched from another host', () => {
    assert.deepEqual(foreign, [])
  })
})
