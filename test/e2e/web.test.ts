/// <reference lib="dom" />
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { freePort } from '../../src/store/postgres-fixture'
import { FIRST_PAINT_WAIT_MS } from '../../web/src/map/first-paint'
import { DRAG_THRESHOLD_PX } from '../../web/src/map/mode'
import { scratchDir } from '../helpers'
import { type ServerProcess, api, killAll, spawnServer } from '../server/process'
import { ARGS, CHROMIUM, artifacts, cells, chromiumMissing, downloaded, numberIn, onScreen, openPage, seriousViolations, shot } from './harness'

/**
 * The web app end to end: a real `silkway serve` and Debian's chromium driven by playwright-core. Screenshots
 * go to test-artifacts/e2e/. Skipped (visibly) without /usr/bin/chromium, unless SILKWAY_REQUIRE_SERVICES=1.
 */

declare global {
  interface Window {
    silkwayMap?: {
      querySourceFeatures(source: string): unknown[]
      project(p: [number, number]): { x: number; y: number }
      unproject(p: [number, number]): { lng: number; lat: number }
      getCanvas(): HTMLCanvasElement
      getBounds(): { contains(p: [number, number]): boolean }
      getCenter(): { lng: number; lat: number }
      getFilter(layer: string): unknown
      getStyle(): { sources: Record<string, unknown>; layers: { id: string }[] }
      getFeatureState(feature: { source: string; id: number }): Record<string, unknown>
      queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[]
    }
  }
}

const skip = chromiumMissing()

let server: ServerProcess
let browser: Browser
const tokens: Record<'admin' | 'planner' | 'viewer', string> = { admin: '', planner: '', viewer: '' }
/** Every request any page made that did not go to the silkway server. */
const foreign: string[] = []

after(async () => {
  await browser?.close()
  killAll()
})

const open = (role: keyof typeof tokens, path = '/', viewport = { width: 1280, height: 800 }) => openPage(browser, server.url, tokens[role], path, viewport, foreign)

/** The map's view contains every one of these [lon, lat]. */
const inView = (page: Page, points: [number, number][]) => page.evaluate((ps) => ps.every((p) => window.silkwayMap?.getBounds().contains(p)), points)

describe('web app (chromium)', { skip }, () => {
  before(async () => {
    mkdirSync(artifacts, { recursive: true })
    server = await spawnServer({ dataDir: scratchDir('e2e') })
    assert.ok(server.adminToken, server.output())
    tokens.admin = server.adminToken
    for (const role of ['planner', 'viewer'] as const) {
      const created = await api(server, tokens.admin, 'POST', '/api/v1/tokens', { user: `e2e-${role}`, role })
      assert.equal(created.status, 201, created.text)
      tokens[role] = created.json.token
    }
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  })

  test('sign in with a token, see the corridor on the map; nothing is fetched from elsewhere', { timeout: 90_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.on('request', (r) => !r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && foreign.push(r.url()))
    await page.goto(server.url)
    await shot(page, '00-sign-in')
    await page.getByLabel('Token').fill('swt_wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'does not know this token' }).waitFor()
    await page.getByLabel('Token').fill(tokens.admin)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const started = Date.now()
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    const readyMs = Date.now() - started
    await page.waitForTimeout(300)
    await page.getByRole('heading', { name: /Digital Silk Way corridor/ }).waitFor()
    const counts = await page.evaluate(() => ({ links: window.silkwayMap?.querySourceFeatures('links').length ?? 0, nodes: window.silkwayMap?.querySourceFeatures('nodes').length ?? 0 }))
    assert.ok(counts.links >= 100 && counts.nodes >= 90, JSON.stringify(counts))
    // The first draw tiles the base map and the network only: an overlay's source joins when it has something.
    const sources = await page.evaluate(() => Object.keys(window.silkwayMap?.getStyle().sources ?? {}).sort())
    assert.deepEqual(sources, ['borders', 'countries', 'labels', 'links', 'nodes'])
    await shot(page, '01-corridor')
    // At the default zoom the main cities are named (collisions dropped), and the new links carry a halo.
    const labelled = await page.evaluate(() => (window.silkwayMap?.queryRenderedFeatures({ layers: ['city-labels'] }) ?? []).map((f) => String(f.properties.name)))
    assert.ok(labelled.length >= 12 && labelled.includes('Frankfurt') && labelled.includes('Baku'), `cities labelled: ${labelled.join(', ')}`)
    const halo = await page.evaluate(() => (window.silkwayMap?.queryRenderedFeatures({ layers: ['links-new-halo'] }) ?? []).map((f) => String(f.properties.id)))
    assert.ok(halo.includes('tcfo-sumgait-aktau'), `links with a halo: ${halo.join(', ')}`)
    // The legend explains the colours in use, and folds.
    const legend = page.getByRole('list', { name: 'Legend' })
    for (const entry of ['terrestrial link', 'submarine cable', 'under construction', 'planned', 'landing station', 'border crossing']) await legend.getByText(entry).first().waitFor()
    // Find anything: a typo finds the city, and the map moves to it.
    const search = page.getByRole('combobox', { name: 'Find anything' })
    const suggestions = page.getByRole('listbox', { name: 'Find anything: suggestions' }).getByRole('option')
    await search.fill('Frnakfurt')
    await suggestions.filter({ hasText: 'Frankfurt' }).first().waitFor()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Frankfurt', level: 2 }).waitFor()
    assert.match(new URL(page.url()).search, /sel=node:frankfurt/)
    // The selection is drawn from a feature state of the network's own sources (one frame, no re-tiling).
    // Every feature id of the source is looked at (in view or not), named where its tile is loaded.
    const selectedIds = (source: 'nodes' | 'links') =>
      page.evaluate((s) => {
        const map = window.silkwayMap
        const names = new Map(((map?.querySourceFeatures(s) ?? []) as { id: number; properties: { id: string } }[]).map((f) => [f.id, f.properties.id]))
        const ids = Array.from({ length: 2000 }, (_, id) => id).filter((id) => map?.getFeatureState({ source: s, id }).selected === true)
        return ids.map((id) => names.get(id) ?? `#${id}`)
      }, source)
    // The ring is drawn in the frame after the details (MapView's afterNextPaint): wait for it.
    const selectedBecomes = async (source: 'nodes' | 'links', ids: string[]) => {
      for (let i = 0; i < 50 && JSON.stringify(await selectedIds(source)) !== JSON.stringify(ids); i++) await page.waitForTimeout(100)
      return selectedIds(source)
    }
    assert.deepEqual(await selectedBecomes('nodes', ['frankfurt']), ['frankfurt'])
    await page.waitForFunction(() => (window.silkwayMap?.getCenter().lng ?? 0) < 15 && (window.silkwayMap?.getCenter().lng ?? 0) > 2)
    await shot(page, '02-node-details')
    // The cable by its acronym and by a part of its name.
    for (const q of ['TCFO', 'Trans-Caspian']) {
      await search.fill(q)
      await suggestions.filter({ hasText: 'Trans-Caspian Fiber Optic cable' }).first().waitFor()
      assert.match(await suggestions.first().innerText(), /Trans-Caspian Fiber Optic cable/, q)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: /Trans-Caspian Fiber Optic cable/, level: 2 }).waitFor()
      assert.match(new URL(page.url()).search, /sel=link:tcfo-sumgait-aktau/)
    }
    assert.deepEqual([await selectedBecomes('nodes', []), await selectedBecomes('links', ['tcfo-sumgait-aktau'])], [[], ['tcfo-sumgait-aktau']])
    await page.waitForFunction(() => {
      const c = window.silkwayMap?.getCenter()
      return c !== undefined && Math.abs(c.lng - 50.4) < 1.5 && Math.abs(c.lat - 41.8) < 1.5
    })
    // A country frames it; an operator finds its links.
    await search.fill('Kazakstan')
    await suggestions.first().filter({ hasText: /^country\s*Kazakhstan/ }).waitFor()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => {
      const c = window.silkwayMap?.getCenter()
      return c !== undefined && c.lng > 50 && c.lng < 85 && c.lat > 40 && c.lat < 53
    })
    await search.fill('Kazakhtelecom')
    await suggestions.filter({ hasText: 'operator Kazakhtelecom' }).first().waitFor()
    await search.press('Escape')
    await shot(page, '04-search-country')
    // A fresh load, timed: the page and the drawn corridor.
    const t0 = Date.now()
    await page.goto(`${server.url}/?sel=link:tcfo-sumgait-aktau`)
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    const reloadMs = Date.now() - t0
    await page.getByRole('heading', { name: /Trans-Caspian/ }).waitFor()
    await shot(page, '03-link-details')
    process.stdout.write(`# first map after sign-in ${readyMs} ms; reload with the map ${reloadMs} ms\n`)
    assert.deepEqual(foreign, [])
    await context.close()
  })

  test('the map is ready in the frame that drew it, the first it painted, with one GL program per kind of layer; a click draws only what changed, the details before the ring', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.addInitScript((t) => {
      sessionStorage.setItem('silkway.token', t)
      // GL draw calls, counted at each of the map's frames until its load: the frames before the load frame paint nothing.
      const gl = { draws: 0, frames: [] as number[], framesAt: [] as number[], loadFrame: -1 }
      ;(window as unknown as { gl: typeof gl }).gl = gl
      for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype] as unknown as Record<string, (...a: unknown[]) => unknown>[]) {
        const drawElements = proto.drawElements
        const drawArrays = proto.drawArrays
        proto.drawElements = function (this: unknown, ...a: unknown[]) {
          gl.draws++
          return drawElements.apply(this, a)
        }
        proto.drawArrays = function (this: unknown, ...a: unknown[]) {
          gl.draws++
          return drawArrays.apply(this, a)
        }
      }
      let made: { on(e: string, f: () => void): void; once(e: string, f: () => void): void } | undefined
      // (Methods, not arrow properties: tsx names those with a __name helper that does not exist in the page.)
      Object.defineProperty(window, 'silkwayMap', {
        configurable: true,
        get() {
          return made
        },
        set(value: typeof made) {
          made = value
          value?.on('render', () => {
            if (gl.loadFrame >= 0) return
            gl.frames.push(gl.draws)
            gl.framesAt.push(performance.now())
          })
          value?.once('load', () => (gl.loadFrame = gl.frames.length - 1))
        },
      })
      // What the map holds when the page says it is drawn.
      new MutationObserver((_, observer) => {
        if (!document.querySelector('.map-area[data-ready="true"]')) return
        observer.disconnect()
        const map = window.silkwayMap as unknown as { loaded(): boolean; queryRenderedFeatures(o: { layers: string[] }): unknown[] }
        // (No named functions in here: tsx's __name helper does not exist in the page.)
        const counts = ['land', 'links-operational', 'nodes', 'city-labels', 'country-labels'].map((layer) => map.queryRenderedFeatures({ layers: [layer] }).length)
        ;(window as unknown as { atReady: unknown }).atReady = { loaded: map.loaded(), land: counts[0], links: counts[1], nodes: counts[2], cities: counts[3], countries: counts[4] }
        ;(window as unknown as { programs: string[] }).programs = Object.keys((map as unknown as { painter: { programCache: { programs: object } } }).painter.programCache.programs)
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] })
    }, tokens.viewer)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    const atReady = await page.evaluate(() => (window as unknown as { atReady: Record<string, number | boolean> }).atReady)
    assert.equal(atReady.loaded, true, JSON.stringify(atReady))
    for (const layer of ['land', 'links', 'nodes', 'cities', 'countries']) assert.ok(Number(atReady[layer]) > 0, `${layer} not drawn at ready: ${JSON.stringify(atReady)}`)
    // The first frame that paints is the load frame: the ones before it only updated the sources (drawWhenTilesLoaded).
    // (On a machine so busy that the map loads after FIRST_PAINT_WAIT_MS, the frames after that may paint.)
    const gl = await page.evaluate(() => ({ ...(window as unknown as { gl: { frames: number[]; framesAt: number[]; loadFrame: number } }).gl, createdAt: performance.getEntriesByName('silkway:map-created')[0]?.startTime ?? 0 }))
    assert.ok(gl.loadFrame >= 0 && gl.frames[gl.loadFrame] > 0, `draw calls at each frame until load: ${JSON.stringify(gl)}`)
    const early = gl.frames.slice(0, gl.loadFrame).filter((_, i) => gl.framesAt[i] < gl.createdAt + FIRST_PAINT_WAIT_MS)
    assert.ok(early.length > 0 && early.every((draws) => draws === 0), `frames painted before the load frame: ${JSON.stringify(gl)}`)
    // One program for every solid line and one for every circle drawn at first (MapView's perFeature), no sky.
    const programs = await page.evaluate(() => (window as unknown as { programs: string[] }).programs)
    const ofKind = (kind: string) => programs.filter((p) => p.startsWith(`${kind}/`))
    assert.equal(ofKind('line').length, 1, programs.join('\n'))
    assert.equal(ofKind('circle').length, 1, programs.join('\n'))
    assert.deepEqual(ofKind('sky'), [], programs.join('\n'))
    assert.ok(ofKind('fill').length === 1 && ofKind('symbolSDF').length === 1 && ofKind('lineSDF').length === 1, programs.join('\n'))
    // The finer coastlines come after ready (an idle callback): wait until they are given to the map, tiled and
    // drawn, and the map draws no more.
    await page.waitForFunction(() => performance.getEntriesByName('silkway:basemap-fine').length > 0 && (window.silkwayMap as unknown as { loaded(): boolean }).loaded(), undefined, { timeout: 30_000 })
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = window.silkwayMap as unknown as { on(e: string, f: () => void): void }
          let last = performance.now()
          map.on('render', () => (last = performance.now()))
          const started = last
          const poll = setInterval(() => (performance.now() - last > 1000 || performance.now() - started > 20_000) && (clearInterval(poll), resolve()), 100)
        }),
    )
    type Probe = { renders: number; selectedAt: number[]; detailsAt: number; frame: number }
    const probe = () =>
      page.evaluate(() => {
        const map = window.silkwayMap as unknown as { on(e: string, f: () => void): void; getFeatureState(f: { source: string; id: number }): Record<string, unknown> }
        // Frames are counted by an animation-frame loop that runs before MapLibre's render in each frame.
        const p = { renders: 0, selectedAt: [] as number[], detailsAt: 0, node: -1, frame: 0 }
        ;(window as unknown as { probe: typeof p }).probe = p
        const loop: (() => void)[] = []
        loop[0] = () => {
          p.frame++
          requestAnimationFrame(loop[0])
        }
        requestAnimationFrame(loop[0])
        map.on('render', () => {
          p.renders++
          if (p.node >= 0 && map.getFeatureState({ source: 'nodes', id: p.node }).selected === true) p.selectedAt.push(p.frame)
        })
        const first = document.querySelector('.panel-body h2')?.textContent
        new MutationObserver(() => (p.detailsAt ||= document.querySelector('.panel-body h2')?.textContent !== first ? p.frame : 0)).observe(document.querySelector('.panel-body') as Node, { subtree: true, childList: true, characterData: true })
      })
    const probed = () => page.evaluate(() => (window as unknown as { probe: Probe }).probe)
    await probe()
    // A click where there is nothing: MapLibre would draw the unchanged map for the press and the release.
    const empty = await page.evaluate(() => {
      const map = window.silkwayMap as unknown as { queryRenderedFeatures(box: [[number, number], [number, number]], o: { layers: string[] }): unknown[]; getCanvas(): HTMLCanvasElement }
      const box = map.getCanvas().getBoundingClientRect()
      for (let y = 200; y < box.height - 100; y += 20)
        for (let x = 300; x < box.width - 100; x += 20)
          if (map.queryRenderedFeatures([[x - 25, y - 25], [x + 25, y + 25]], { layers: ['nodes', 'links-hit', 'city-labels', 'node-labels'] }).length === 0) return { x: box.left + x, y: box.top + y }
      return undefined
    })
    assert.ok(empty, 'a spot of the map with no feature near it')
    await page.mouse.click(empty.x, empty.y)
    await page.waitForTimeout(600)
    assert.equal((await probed()).renders, 0, 'a click on nothing drew a frame')
    // A click on a node: its details first, the ring in a later frame.
    const node = await page.evaluate(() => {
      const map = window.silkwayMap as unknown as { querySourceFeatures(s: string): { id: number; geometry: { coordinates: [number, number] }; properties: { name: string } }[]; project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement }
      const box = map.getCanvas().getBoundingClientRect()
      const all = map.querySourceFeatures('nodes').map((f) => ({ f, p: map.project(f.geometry.coordinates) }))
      const alone = all.find(({ p }) => p.x > 300 && p.y > 100 && p.x < box.width - 100 && p.y < box.height - 100 && all.every((o) => o.p === p || Math.hypot(o.p.x - p.x, o.p.y - p.y) > 20))
      if (!alone) return undefined
      ;(window as unknown as { probe: { node: number } }).probe.node = alone.f.id
      return { x: box.left + alone.p.x, y: box.top + alone.p.y, name: alone.f.properties.name }
    })
    assert.ok(node, 'a node on its own in view')
    await page.mouse.click(node.x, node.y)
    await page.getByRole('heading', { level: 2, name: node.name, exact: true }).waitFor()
    for (let i = 0; i < 50 && (await probed()).selectedAt.length === 0; i++) await page.waitForTimeout(100)
    const clicked = await probed()
    assert.ok(clicked.selectedAt.length > 0, `the ring of ${node.name} was never drawn`)
    // The details are committed between frames N−1 and N; drawn in the same frame, the ring would be rendered in
    // frame N. It is rendered in N+1 or later: the frame that showed the details held no map change.
    assert.ok(clicked.detailsAt > 0 && clicked.selectedAt[0] >= clicked.detailsAt + 2, `details after frame ${clicked.detailsAt}, ring in frame ${clicked.selectedAt[0]}`)
    // A drag pans, frame by frame.
    const before = await page.evaluate(() => window.silkwayMap?.getCenter().lng ?? 0)
    const rendersBefore = clicked.renders
    await page.mouse.move(empty.x, empty.y)
    await page.mouse.down()
    for (let i = 1; i <= 8; i++) await page.mouse.move(empty.x - i * 15, empty.y)
    await page.mouse.up()
    await page.waitForTimeout(600)
    const after = await page.evaluate(() => window.silkwayMap?.getCenter().lng ?? 0)
    assert.ok(after > before + 1, `the drag moved the centre from ${before} to ${after}`)
    assert.ok((await probed()).renders > rendersBefore, 'the drag drew frames')
    await context.close()
  })

  test('when the coarse base map cannot be fetched the map is still ready, and the finer one is drawn after', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.addInitScript((t) => sessionStorage.setItem('silkway.token', t), tokens.viewer)
    await context.route(/countries-110m/, (route) => route.abort())
    const page = await context.newPage()
    await page.goto(server.url)
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    const nodes = await page.evaluate(() => (window.silkwayMap as unknown as { queryRenderedFeatures(o: { layers: string[] }): unknown[] }).queryRenderedFeatures({ layers: ['nodes'] }).length)
    assert.ok(nodes > 0, 'the network is drawn without the coarse base map')
    await page.waitForFunction(() => (window.silkwayMap as unknown as { queryRenderedFeatures(o: { layers: string[] }): unknown[] }).queryRenderedFeatures({ layers: ['land'] }).length > 0, undefined, { timeout: 30_000 })
    await context.close()
  })

  test('find Frankfurt → Shanghai avoiding Russia', { timeout: 60_000 }, async () => {
    const { page, context, errors } = await open('viewer', '/?tab=route')
    await page.getByRole('combobox', { name: 'From' }).fill('frankf')
    await page.getByRole('option', { name: /Frankfurt/ }).click()
    await page.getByRole('combobox', { name: 'To' }).fill('Shangh')
    await page.keyboard.press('Enter')
    // With both ends the paths come without a button press.
    const table = page.getByRole('table', { name: 'Paths' })
    await table.locator('tbody tr').first().waitFor()
    const before = await page.locator('.paths .countries').allTextContents()
    assert.ok(before.some((c) => c.split(' · ').includes('RU')), `the fastest paths cross Russia: ${before.join(' | ')}`)
    // A constraint changed: the result is marked out of date at once, then found again (debounced), without a click.
    await page.getByRole('checkbox', { name: 'Russia' }).check()
    await page.getByRole('status').filter({ hasText: 'The form changed' }).waitFor()
    assert.equal(await page.getByRole('region', { name: 'Paths found' }).getAttribute('aria-busy'), 'true')
    await page.getByRole('region', { name: 'Paths found' }).and(page.locator('[aria-busy="false"]')).waitFor()
    await page.getByText('avoiding Russia (shaded)').waitFor()
    const countries = await page.locator('.paths .countries').allTextContents()
    assert.ok(countries.length >= 1 && countries.every((c) => !c.split(' · ').includes('RU')), countries.join(' | '))
    assert.match(new URL(page.url()).search, /from=frankfurt&to=shanghai.*avoidCountry=RU/)
    // The best path without Russia rests on the Trans-Caspian cable, still under construction: the badge says so.
    await page.locator('.paths li').first().getByRole('note').filter({ hasText: /depends on Trans-Caspian Fiber Optic cable \(TCFO\) \(under construction, ready 20\d\d\)/ }).waitFor()
    // Paths are named by what sets them apart; identical ones are said to be, not listed again.
    const names = await page.locator('.paths li > b').allTextContents()
    assert.equal(new Set(names).size, names.length, names.join(' | '))
    // On the map: the route fitted, A and B pinned, Russia shaded, and all of it in the legend.
    const ends: [number, number][] = [[8.68, 50.11], [121.47, 31.23]]
    await page.waitForFunction((ps) => ps.every((p) => window.silkwayMap?.getBounds().contains(p)), ends)
    const pins = await page.evaluate(() => (window.silkwayMap?.querySourceFeatures('pins') as { properties: { text: string } }[]).map((f) => f.properties.text).sort())
    assert.deepEqual([...new Set(pins)], ['A', 'B'])
    assert.match(JSON.stringify(await page.evaluate(() => window.silkwayMap?.getFilter('shade'))), /"RU"/)
    const legend = page.getByRole('list', { name: 'Legend' })
    await legend.getByText('country avoided').waitFor()
    await legend.getByText('A · Frankfurt').waitFor()
    await legend.getByText(`1 · ${names[0]}`).waitFor()
    // Take it away: the paths as CSV and as GeoJSON.
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'Download Paths as CSV' }).click())
    assert.equal(csv.name, 'paths.csv')
    const lines = csv.bytes.toString('utf8').trim().split('\r\n')
    assert.equal(lines[0], '#,route,km,one-way ms,RTT ms,stretch')
    assert.equal(lines.length, 1 + (await table.locator('tbody tr').count()))
    const geo = await downloaded(page, () => page.getByRole('button', { name: 'GeoJSON of the paths' }).click())
    assert.equal(geo.name, 'frankfurt-shanghai-paths.geojson')
    const collection = JSON.parse(geo.bytes.toString('utf8'))
    assert.equal(collection.type, 'FeatureCollection')
    assert.equal(collection.features[0].geometry.type, 'LineString')
    assert.ok(collection.features[0].geometry.coordinates.length > 10 && collection.features[0].properties.links.includes('tcfo-sumgait-aktau'))
    await shot(page, '10-route-avoiding-russia')
    // The map as a PNG, with the legend drawn on it.
    const png = await downloaded(page, () => page.getByRole('button', { name: 'Save the map as PNG' }).click())
    assert.match(png.name, /map\.png$/)
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    assert.ok(png.bytes.length > 20_000, `PNG of ${png.bytes.length} bytes`)
    mkdirSync(artifacts, { recursive: true })
    await import('node:fs').then((fs) => fs.writeFileSync(join(artifacts, '12-exported-map.png'), png.bytes))
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('route via waypoints in order; exempt the endpoints\' own countries; avoid a country picked on the map', { timeout: 60_000 }, async () => {
    const { page, context, errors } = await open('viewer', '/?tab=route&from=frankfurt&to=shanghai')
    await page.getByRole('table', { name: 'Paths' }).waitFor()
    await page.getByRole('combobox', { name: 'Add a waypoint' }).fill('Baku')
    await page.keyboard.press('Enter')
    await page.getByRole('combobox', { name: 'Add a waypoint' }).fill('Almaty')
    await page.keyboard.press('Enter')
    assert.deepEqual(await page.getByRole('list', { name: 'Waypoints' }).locator('li span').allTextContents(), ['Baku', 'Almaty'])
    await page.getByRole('button', { name: 'Find paths' }).click()
    await page.locator('.paths li .nodes').first().filter({ hasText: /Baku[\s\S]*Almaty/ }).waitFor()
    for (const line of await page.locator('.paths li .nodes').allTextContents()) assert.ok(line.indexOf('Baku') >= 0 && line.indexOf('Baku') < line.indexOf('Almaty'), line)
    assert.match(new URL(page.url()).search, /via=baku,almaty/)
    // Reordered: Almaty first.
    await page.getByRole('button', { name: 'Move Almaty earlier' }).click()
    assert.match(new URL(page.url()).search, /via=almaty,baku/)
    await page.getByRole('button', { name: 'Remove waypoint Almaty' }).click()
    await page.getByRole('button', { name: 'Remove waypoint Baku' }).click()
    // Avoiding China, Shanghai can only be reached with its own country exempt.
    await page.getByRole('checkbox', { name: 'China' }).check()
    await page.getByRole('button', { name: 'Find paths' }).click()
    await page.getByRole('alert').filter({ hasText: /Shanghai .* is in CN, which the route must avoid/ }).waitFor()
    await page.getByRole('checkbox', { name: "exempt the endpoints' own countries" }).check()
    await page.getByRole('button', { name: 'Find paths' }).click()
    await page.getByRole('table', { name: 'Paths' }).locator('tbody tr').first().waitFor()
    assert.match(new URL(page.url()).search, /allowEndpointCountries=true/)
    // The avoid-countries picker on the map: a click on Kazakhstan avoids it.
    await page.getByRole('button', { name: 'Pick on the map' }).click()
    const kz = await page.evaluate(() => {
      const map = window.silkwayMap
      if (!map) throw new Error('no map')
      const xy = map.project([66.5, 48.5])
      const box = map.getCanvas().getBoundingClientRect()
      return { x: box.left + xy.x, y: box.top + xy.y }
    })
    await page.mouse.click(kz.x, kz.y)
    await page.waitForFunction(() => /avoidCountry=[^&]*KZ/.test(location.search))
    assert.ok(await page.getByRole('checkbox', { name: 'Kazakhstan' }).isChecked())
    await page.waitForTimeout(300)
    await shot(page, '11-route-via-and-exempt')
    assert.deepEqual(errors.filter((e) => !/status of 4\d\d/.test(e)), [])
    await context.close()
  })

  test('compare the scenarios and check the claims', { timeout: 120_000 }, async () => {
    const { page, context } = await open('viewer', '/?tab=compare')
    await page.getByRole('table', { name: 'Pairs compared' }).waitFor()
    await page.getByRole('table', { name: 'Claims' }).waitFor()
    await page.locator('figure.plot svg').first().waitFor()
    // The headline names the biggest change, and the table puts it first.
    const headline = await page.getByRole('status', { name: 'Headline' }).innerText()
    assert.match(headline, /^Trans-Caspian Fiber Optic cable \(TCFO\).* cuts the round trip .+ – .+ from [\d.]+ to [\d.]+ ms\.$/)
    const rows = await cells(page, 'Pairs compared')
    const changes = rows.map((r) => Math.abs(numberIn(r[3])))
    assert.deepEqual(changes, [...changes].sort((a, b) => b - a), JSON.stringify(rows))
    assert.ok(headline.includes(rows[0][0]), `${headline} names ${rows[0][0]}`)
    // Colours: the plot's dots are the map's (base grey, target blue), and the full titles are in its legend.
    const fills = await page.locator('figure.plot[aria-label^="Round-trip time"] svg circle').evaluateAll((cs) => [...new Set(cs.map((c) => c.getAttribute('fill')))].sort())
    assert.deepEqual(fills, ['#0072b2', '#555555'])
    await page.getByRole('list', { name: 'Plot legend' }).getByText('Before the Digital Silk Way (2022)', { exact: true }).waitFor()
    const paths = await page.evaluate(() => (window.silkwayMap?.querySourceFeatures('paths') as { properties: { color: string } }[]).map((f) => f.properties.color))
    assert.ok(paths.includes('#0072b2') && paths.includes('#555555'), JSON.stringify(paths))
    // An overlay added after the first draw sits where the style puts it: over the links, under the nodes.
    const order = await page.evaluate(() => (window.silkwayMap?.getStyle().layers ?? []).map((l) => l.id))
    assert.ok(order.indexOf('links-operational') < order.indexOf('paths') && order.indexOf('paths') < order.indexOf('links-hit') && order.indexOf('links-hit') < order.indexOf('nodes'), order.join(', '))
    // Sorted by a heading on demand.
    await page.getByRole('button', { name: 'pair', exact: true }).click()
    const byName = (await cells(page, 'Pairs compared')).map((r) => r[0])
    assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b)))
    // Measured against modelled: every public measurement's floor (grey) and expected RTT (blue), the one measured
    // below its floor (the Almaty "London" hop) in vermillion; the report's JSON says how many of each to expect.
    const measured = page.locator('figure.plot[aria-label^="Measured round-trip time"]')
    await measured.locator('svg').waitFor()
    const marks = await measured.locator('svg g[aria-label="dot"] > *').evaluateAll((els) => els.map((e) => e.getAttribute('fill')))
    const reportAnswer = (await (await context.request.get(`${server.url}/api/v1/report?skipSweep=true`, { headers: { authorization: `Bearer ${tokens.viewer}` } })).json()) as {
      measuredVsModelled: { pairs: { floorRttMs: number | null; expectedRttMs: number | null; status: string }[] }
    }
    const mp = reportAnswer.measuredVsModelled.pairs
    const count = (fill: string) => marks.filter((f) => f === fill).length
    assert.equal(count('#d55e00'), mp.filter((p) => p.floorRttMs !== null && p.status === 'impossible').length)
    assert.ok(count('#d55e00') >= 1, JSON.stringify(marks))
    assert.equal(count('#555555'), mp.filter((p) => p.floorRttMs !== null && p.status !== 'impossible').length)
    assert.equal(count('#0072b2'), mp.filter((p) => p.expectedRttMs !== null).length)
    await page.getByRole('list', { name: 'Measured plot legend' }).getByText('below the floor (impossible)').waitFor()
    await measured.scrollIntoViewIfNeeded()
    await page.waitForTimeout(300)
    await shot(page, '22-compare-measured')
    await page.getByRole('table', { name: 'Pairs compared' }).scrollIntoViewIfNeeded()
    await page.waitForTimeout(300)
    await shot(page, '20-compare')
    // A pair of one's own, beside the default ones.
    const defaults = await page.getByRole('table', { name: 'Pairs compared' }).locator('tbody tr').count()
    await page.getByRole('combobox', { name: 'Pair from' }).fill('Istanbul')
    await page.keyboard.press('Enter')
    await page.getByRole('combobox', { name: 'Pair to' }).fill('Almaty')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Add pair' }).click()
    const row = page.getByRole('table', { name: 'Pairs compared' }).locator('tbody tr').filter({ hasText: 'Istanbul – Almaty' })
    await row.waitFor()
    assert.equal(await page.getByRole('table', { name: 'Pairs compared' }).locator('tbody tr').count(), defaults + 1)
    assert.equal(await row.getAttribute('aria-selected'), 'true')
    await page.waitForTimeout(400)
    await shot(page, '21-compare-own-pair')
    await page.getByRole('button', { name: 'Remove pair Istanbul – Almaty' }).click()
    await row.waitFor({ state: 'detached' })
    await context.close()
  })

  test('cut the Trans-Caspian cable on the map and see the affected pairs', { timeout: 60_000 }, async () => {
    const { page, context } = await open('planner', '/?tab=whatif&view=50.5,42,5')
    // Click the cable where it crosses the Caspian, halfway between Sumgait and Aktau.
    const point = await page.evaluate(() => {
      const map = window.silkwayMap
      if (!map) throw new Error('no map')
      const p = map.project([50.44, 42.13])
      const box = map.getCanvas().getBoundingClientRect()
      return { x: box.left + p.x, y: box.top + p.y }
    })
    await page.mouse.click(point.x, point.y)
    const summary = page.locator('.summary')
    await summary.waitFor()
    assert.match(await summary.innerText(), /1 links cut/)
    const rows = page.getByRole('table', { name: 'Pairs the cut changes' }).locator('tbody tr')
    assert.ok((await rows.count()) > 0)
    // Ranked by impact: cut off first, then by the time the cut adds.
    const ranked = await cells(page, 'Pairs the cut changes')
    const added = ranked.map((r) => (r[2] === 'cut off' ? Infinity : numberIn(r[3])))
    assert.deepEqual(added, [...added].sort((a, b) => b - a), JSON.stringify(ranked.slice(0, 6)))
    // The most affected pair's route before the cut and its reroute are drawn, and named in the legend.
    await page.getByRole('list', { name: 'Legend' }).getByText(/rerouted$/).waitFor()
    await page.waitForFunction(() => (window.silkwayMap?.querySourceFeatures('paths').length ?? 0) >= 1)
    const reroute = await page.locator('[data-entry^="path-"]').allTextContents()
    assert.ok(reroute.some((t) => t.includes(ranked[0][0]) && t.includes('rerouted')), `${reroute.join(' | ')} for ${ranked[0][0]}`)
    // Another pair chosen: its reroute replaces the first.
    await page.getByRole('table', { name: 'Pairs the cut changes' }).locator('tbody tr').nth(1).click()
    await page.locator('[data-entry^="path-"]').filter({ hasText: `${ranked[1][0]} rerouted` }).waitFor()
    await page.waitForTimeout(300)
    await shot(page, '30-whatif-cut-tcfo')
    // Draw a circle: press at the centre (Baku), drag out the radius (shown live in km), release to cut.
    const at = (lonLat: [number, number]) => onScreen(page, lonLat)
    await page.getByRole('button', { name: 'Draw a circle' }).click()
    const centre = await at([49.87, 40.41])
    const edge = await at([51.05, 40.41])
    await page.mouse.move(centre.x, centre.y)
    await page.mouse.down()
    await page.mouse.move(edge.x, edge.y, { steps: 8 })
    await page.waitForTimeout(250)
    const live = await page.evaluate(() => (window.silkwayMap?.querySourceFeatures('circle-label') as { properties: { text: string } }[]).map((f) => f.properties.text))
    assert.ok(live.some((t) => /^\d+ km$/.test(t)), `live radius label: ${JSON.stringify(live)}`)
    await shot(page, '32-whatif-drawing-circle')
    await page.mouse.up()
    const chip = page.locator('.chip').filter({ hasText: /^circle/ })
    await chip.waitFor()
    const radius = Number(/circle (\d+) km/.exec(await chip.innerText())?.[1])
    assert.ok(radius > 85 && radius < 115, `drawn radius ${radius} km`)
    assert.equal(await page.getByLabel('Circle radius, km').inputValue(), String(radius))
    await page.locator('.summary').filter({ hasText: /[2-9]\d* links cut|1\d+ links cut/ }).waitFor()
    // Pick a country on the map: every link touching Georgia is cut.
    await page.getByRole('button', { name: 'Pick on the map' }).click()
    const georgia = await at([43.0, 42.25])
    await page.mouse.click(georgia.x, georgia.y)
    await page.locator('.chip').filter({ hasText: 'country Georgia' }).waitFor()
    await page.waitForTimeout(300)
    await shot(page, '33-whatif-circle-and-country')
    // Criticality: a failure sweep of every link (a job), drawn as bars.
    await page.getByRole('button', { name: /Rank every link/ }).click()
    await page.getByRole('figure', { name: /Links ranked/ }).locator('svg').waitFor()
    // Named as on the map, sorted by the one measure (pairs cut off), ties by the extra RTT.
    const critical = await cells(page, 'Links ranked by criticality')
    assert.ok(critical.length > 3)
    for (const [name, , , id] of critical) assert.notEqual(name, id, 'a link is shown by its name')
    const cutOff = critical.map((r) => numberIn(r[1]))
    assert.deepEqual(cutOff, [...cutOff].sort((a, b) => b - a))
    await page.getByRole('button', { name: 'Availability' }).click()
    await page.getByRole('table', { name: 'Availability by protection' }).waitFor()
    await page.waitForTimeout(300)
    await page.locator('.panel-body').evaluate((e) => e.scrollTo(0, e.scrollHeight))
    await shot(page, '31-whatif-criticality-availability')
    await context.close()
  })

  test('edit and save a scenario, then find the revision in its history; a stale save is refused clearly', { timeout: 90_000 }, async () => {
    const { page, context, errors } = await open('planner', '/?tab=edit&sel=node:aktau')
    const notes = page.getByLabel('Notes')
    await notes.waitFor({ timeout: 10_000 }).catch(async (e) => {
      await shot(page, 'debug-edit')
      throw e
    })
    await notes.fill('e2e: landing position checked')
    // Inline validation from the schema: a country code must be two capitals.
    await page.getByLabel('Country (ISO alpha-2)').fill('kz')
    // In words, not as the schema's regular expression.
    await page.locator('.field-error').filter({ hasText: 'is not in the expected form' }).first().waitFor()
    assert.equal(await page.locator('.field-error').filter({ hasText: /pattern|\^\[/ }).count(), 0)
    assert.ok(await page.getByRole('button', { name: 'Save revision' }).isDisabled())
    await page.getByLabel('Country (ISO alpha-2)').fill('KZ')
    // Add a node on the map.
    await page.getByRole('radio', { name: 'Add node' }).click()
    const box = await page.locator('.map').boundingBox()
    assert.ok(box)
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.45)
    await page.getByRole('form', { name: /Node New node/ }).waitFor()
    await page.getByLabel('Name').fill('E2E Exchange')
    await page.getByLabel('Revision message').fill('e2e: notes on Aktau, a new exchange')
    // A change too many (a second new node), undone on its own: the others stay.
    await page.getByRole('heading', { name: 'Unsaved changes (3)' }).waitFor()
    await page.getByRole('radio', { name: 'Add node' }).click()
    await page.mouse.click(box.x + box.width * 0.35, box.y + box.height * 0.6)
    await page.getByRole('heading', { name: 'Unsaved changes (4)' }).waitFor()
    await page.getByRole('button', { name: /^Undo: add node New node/ }).last().click()
    await page.getByRole('heading', { name: 'Unsaved changes (3)' }).waitFor()
    assert.match(await page.locator('.pending ol').innerText(), /add node E2E Exchange|add node New node/)
    // The undone node was the selection; the search finds the other one again, by a name typed with a typo.
    await page.getByRole('combobox', { name: 'Find anything' }).fill('E2E Exchnage')
    await page.getByRole('listbox', { name: 'Find anything: suggestions' }).getByRole('option').first().filter({ hasText: 'E2E Exchange' }).waitFor()
    await page.keyboard.press('Enter')
    await page.getByRole('form', { name: 'Node E2E Exchange' }).waitFor()
    await shot(page, '40-edit-before-save')
    // The save shows its diff first, and warns of the new node without a source.
    await page.getByRole('button', { name: 'Save revision' }).click()
    const review = page.getByRole('region', { name: 'Review before saving' })
    await review.getByText(/added node E2E Exchange/).waitFor()
    await review.getByText(/changed node Aktau/).waitFor()
    await review.getByText(/^notes: Kazakh landing .* → e2e: landing position checked$/).waitFor()
    await review.getByRole('note').filter({ hasText: /No source for node E2E Exchange/ }).waitFor()
    await shot(page, '40b-edit-review')
    await review.getByRole('button', { name: 'Confirm and save' }).click()
    await page.getByRole('status').filter({ hasText: /Saved 3 changes as revision 2 of scenario digital-silk-way/ }).waitFor()
    await page.getByRole('tab', { name: 'History' }).click()
    const latest = page.getByRole('list', { name: 'Revisions' }).locator('li').first()
    await latest.filter({ hasText: 'e2e: notes on Aktau, a new exchange' }).waitFor()
    assert.match(await latest.innerText(), /r2[\s\S]*e2e-planner · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/)
    // The change in words, one line a record, and counts that are those lines'.
    const changes = latest.locator('.changes li')
    await changes.filter({ hasText: /^\+ added node E2E Exchange \(/ }).waitFor()
    await changes.filter({ hasText: /^~ changed notes of Aktau “.*” → “e2e: landing position checked”$/ }).waitFor()
    const lines = await changes.allInnerTexts()
    assert.ok(lines.every((l) => !/[{}[\]]|changes\./.test(l)), lines.join('\n'))
    // No "KZ → KZ": a field set to the value it had is no change.
    assert.ok(lines.every((l) => !/(\S+) → \1(;|$)/.test(l)), lines.join('\n'))
    const kinds = await changes.evaluateAll((li) => li.map((l) => l.className))
    const expected = (['added', 'removed', 'changed'] as const).map((k) => [k, kinds.filter((c) => c === `d-${k}`).length] as const).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ')
    assert.equal(await latest.locator('.counts').innerText(), expected)
    await shot(page, '41-history')
    // Any two revisions compared; an old one branched into a new scenario.
    await page.getByRole('combobox', { name: 'Compare from revision' }).selectOption('1')
    await page.getByRole('combobox', { name: 'Compare to revision' }).selectOption('2')
    await page.getByRole('button', { name: 'Compare', exact: true }).click()
    await page.getByRole('region', { name: 'Difference from r1 to r2' }).locator('.changes li').filter({ hasText: 'added node E2E Exchange' }).waitFor()
    // The revision menus carry full labels: number, ISO date and the whole message.
    assert.match(await page.getByRole('combobox', { name: 'Compare to revision' }).locator('option[value="2"]').innerText(), /^r2 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · e2e: notes on Aktau, a new exchange$/)
    await page.getByRole('button', { name: 'r1' }).click()
    await page.getByRole('button', { name: 'Branch…' }).click()
    await page.getByLabel('New scenario name').fill('dsw-e2e-branch')
    await page.getByRole('button', { name: 'Branch revision 1' }).click()
    await page.getByRole('status').filter({ hasText: 'Scenario dsw-e2e-branch branched from revision 1' }).waitFor()
    assert.equal(await page.locator('header select option[value="dsw-e2e-branch"]').count(), 1)
    await shot(page, '43-history-compare-branch')

    // Someone else saves meanwhile: the next save is refused as stale, and the edits stay.
    await page.getByRole('tab', { name: 'Edit' }).click()
    await page.getByLabel('Notes').waitFor({ timeout: 8000 }).catch(async (e) => {
      await shot(page, 'debug-edit')
      throw e
    })
    await page.getByLabel('Notes').fill('e2e: a second note')
    const current = await api(server, tokens.admin, 'GET', '/api/v1/networks/corridor/scenarios/digital-silk-way')
    const other = await api(server, tokens.admin, 'PUT', '/api/v1/networks/corridor/scenarios/digital-silk-way', { scenario: { ...current.json.scenario, description: 'changed elsewhere' }, baseRevision: current.json.revision, message: 'concurrent change' })
    assert.equal(other.status, 200, other.text)
    await page.getByRole('button', { name: 'Save revision' }).click()
    await page.getByRole('button', { name: 'Confirm and save' }).click()
    await page.getByRole('alert').filter({ hasText: 'Someone else saved' }).waitFor()
    await shot(page, '42-conflict')
    await page.getByRole('button', { name: 'Load the latest and keep my changes' }).click()
    await page.getByRole('status').filter({ hasText: 'Loaded the latest revision' }).waitFor()
    await page.getByRole('button', { name: 'Save revision' }).click()
    await page.getByRole('button', { name: 'Confirm and save' }).click()
    await page.getByRole('status').filter({ hasText: /revision 4/ }).waitFor()
    // The refused save is the one error the browser logs.
    assert.deepEqual(errors.filter((e) => !/status of 409/.test(e)), [])
    await context.close()
  })

  test('the network\'s history reads as a human diff: a move in km, a link added with its length, a length old → new, a source added', { timeout: 60_000 }, async () => {
    const head = await api(server, tokens.admin, 'GET', '/api/v1/networks/corridor')
    assert.equal(head.status, 200, head.text)
    const original = head.json.network
    const changed = structuredClone(original)
    const aktau = changed.nodes.find((n: { id: string }) => n.id === 'aktau')
    const tcfo = changed.links.find((l: { id: string }) => l.id === 'tcfo-sumgait-aktau')
    const names = new Map(changed.nodes.map((n: { id: string; name: string }) => [n.id, n.name]))
    // 0.019° of latitude: 2.1 km on the mean sphere.
    aktau.lat = Number((aktau.lat + 0.019).toFixed(4))
    const oldLength = tcfo.lengthKm
    tcfo.lengthKm = 400
    changed.sources.push({ id: 'e2e-source', title: 'E2E survey' })
    changed.links.push({ id: 'e2e-link', a: 'aktau', b: tcfo.a, kind: 'submarine', lengthKm: 380, operators: ['TCFO'], sources: ['e2e-source'] })
    const put = await api(server, tokens.admin, 'PUT', '/api/v1/networks/corridor', { network: changed, baseRevision: head.json.revision, message: 'e2e: Aktau resurveyed, a second cable' })
    assert.equal(put.status, 200, put.text)
    const { page, context, errors } = await open('planner', '/?tab=history')
    try {
      await page.locator('label.field').filter({ has: page.locator('span', { hasText: /^Of$/ }) }).locator('select').selectOption('')
      const latest = page.getByRole('list', { name: 'Revisions' }).locator('li').first()
      await latest.filter({ hasText: 'e2e: Aktau resurveyed, a second cable' }).waitFor()
      const texts = await latest.locator('.changes li').allInnerTexts()
      const tcfoName = tcfo.name ?? `${names.get(tcfo.a)} – ${names.get(tcfo.b)}`
      assert.deepEqual(
        [...texts].sort(),
        [
          `~ moved Aktau 2.1 km (${original.nodes.find((n: { id: string }) => n.id === 'aktau').lat.toFixed(4)}, ${aktau.lon.toFixed(4)} → ${aktau.lat.toFixed(4)}, ${aktau.lon.toFixed(4)})`,
          `~ changed length of ${tcfoName} ${oldLength.toLocaleString('en-GB')} → 400 km`,
          '+ added source e2e-source (“E2E survey”)',
          `+ added link Aktau – ${names.get(tcfo.a)} (380 km, submarine, TCFO)`,
        ].sort(),
      )
      assert.equal(await latest.locator('.counts').innerText(), '2 added, 2 changed')
      await shot(page, '44-history-network')
      assert.deepEqual(errors, [])
    } finally {
      await context.close()
      const now = await api(server, tokens.admin, 'GET', '/api/v1/networks/corridor')
      const back = await api(server, tokens.admin, 'PUT', '/api/v1/networks/corridor', { network: original, baseRevision: now.json.revision, message: 'e2e: back as it was' })
      assert.equal(back.status, 200, back.text)
    }
  })

  test('in Edit a click on a node moves nothing, a press that wobbles moves nothing, a drag beyond the threshold moves it', { timeout: 90_000 }, async () => {
    const { page, context, errors } = await open('planner', '/?tab=edit&sel=node:aktau&view=52,42,6')
    await page.getByRole('form', { name: 'Node Aktau' }).waitFor()
    const pending = page.getByRole('heading', { name: /Unsaved changes/ })
    const position = async () => [Number(await page.getByLabel('Latitude').inputValue()), Number(await page.getByLabel('Longitude').inputValue())]
    const screen = (lonLat: [number, number]) => onScreen(page, lonLat)
    const at = await position()
    assert.deepEqual(at, [43.651, 51.1978])
    const aktau = await screen([at[1], at[0]])
    await page.waitForTimeout(300)

    // Issue 13: a select click recorded a move of about 2 km, and it was saved.
    await page.mouse.click(aktau.x, aktau.y)
    await page.waitForTimeout(300)
    assert.equal(await pending.innerText(), 'Unsaved changes (0)')
    assert.deepEqual(await position(), at)
    // A press that moves less than the threshold is no drag either.
    await page.mouse.move(aktau.x, aktau.y)
    await page.mouse.down()
    await page.mouse.move(aktau.x + DRAG_THRESHOLD_PX - 1, aktau.y, { steps: 3 })
    await page.mouse.up()
    await page.waitForTimeout(300)
    assert.equal(await pending.innerText(), 'Unsaved changes (0)')
    assert.deepEqual(await position(), at)

    // Add-link mode: a click on Turkmenbashi picks it as the first end, and moves nothing.
    await page.getByRole('radio', { name: 'Add link' }).click()
    const turkmenbashi = await screen([52.9553, 40.0225])
    await page.mouse.click(turkmenbashi.x, turkmenbashi.y)
    await page.locator('.hint').filter({ hasText: 'From Turkmenbashi: click the other end.' }).waitFor()
    assert.equal(await pending.innerText(), 'Unsaved changes (0)')
    await page.getByRole('radio', { name: 'Select' }).click()
    await page.getByRole('form', { name: 'Node Aktau' }).waitFor()
    assert.deepEqual(await position(), at)

    // A deliberate drag: the node moves where it is released, and the move is listed.
    const to = { x: aktau.x + 60, y: aktau.y + 25 }
    await page.mouse.move(aktau.x, aktau.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 10 })
    await page.mouse.up()
    await page.getByRole('heading', { name: 'Unsaved changes (1)' }).waitFor()
    assert.match(await page.locator('.pending ol').innerText(), /move node aktau/)
    const expected = await page.evaluate((p) => {
      const map = window.silkwayMap
      if (!map) throw new Error('no map')
      const box = map.getCanvas().getBoundingClientRect()
      return map.unproject([p.x - box.left, p.y - box.top])
    }, to)
    const moved = await position()
    // Within 3 px of the release point (a pixel is 0.011° at zoom 6; the pointer event and the projection round differently).
    assert.ok(Math.abs(moved[0] - expected.lat) < 0.035 && Math.abs(moved[1] - expected.lng) < 0.035, `moved to ${moved}, released at ${expected.lat}, ${expected.lng}`)
    assert.ok(moved[1] > at[1] + 0.5, `the drag of 60 px east moved the node east: ${moved}`)
    await page.waitForTimeout(300)
    await shot(page, '44-edit-drag-node')
    // Just beyond the threshold is a drag too.
    const now = await screen([moved[1], moved[0]])
    await page.mouse.move(now.x, now.y)
    await page.mouse.down()
    await page.mouse.move(now.x + DRAG_THRESHOLD_PX + 3, now.y, { steps: 4 })
    await page.mouse.up()
    await page.waitForTimeout(300)
    assert.ok((await position())[1] > moved[1], 'a drag just beyond the threshold moves the node')
    assert.deepEqual(errors, [])
    // Unsaved changes: leaving the page asks first.
    const asked = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.type()); d.accept().catch(() => undefined) }))
    const closed = new Promise((resolve) => page.once('close', resolve))
    await page.close({ runBeforeUnload: true })
    assert.equal(await asked, 'beforeunload')
    await closed
    await context.close()
  })

  test('the inventory: every link and node, sorted, filtered, exported; a row shows its record on the map', { timeout: 60_000 }, async () => {
    const { page, context, errors } = await open('viewer', '/?tab=inventory')
    const table = page.getByRole('table', { name: 'Links' })
    await table.locator('tbody tr').first().waitFor()
    const all = await table.locator('tbody tr').count()
    assert.ok(all >= 100, `${all} links`)
    // Sorted by length, longest first.
    await page.getByRole('button', { name: 'km', exact: true }).click()
    const km = (await cells(page, 'Links')).map((r) => numberIn(r[4])).filter((x) => Number.isFinite(x))
    assert.ok(km.length > 50)
    assert.deepEqual(km, [...km].sort((a, b) => b - a))
    // Filtered: the Caspian cables; words for people (no raw status values).
    await page.getByRole('searchbox', { name: 'Filter Links' }).fill('caspian')
    await page.getByText(/^\d+ of \d+ rows$/).waitFor()
    const caspian = await cells(page, 'Links')
    assert.ok(caspian.some((r) => r[0] === 'Trans-Caspian Fiber Optic cable (TCFO)' && r[2] === 'under construction'), JSON.stringify(caspian))
    const csv = await downloaded(page, () => page.getByRole('button', { name: 'Download Links as CSV' }).click())
    const lines = csv.bytes.toString('utf8').trim().split('\r\n')
    assert.equal(lines[0], 'name,kind,status,ready,km,design Tbps,operators,countries,sources,id')
    assert.equal(lines.length, caspian.length + 1)
    // By keyboard: a row takes Enter, selects the link and brings it into view.
    const row = table.locator('tbody tr').filter({ hasText: 'Trans-Caspian Fiber Optic cable (TCFO)' })
    await row.focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => /sel=link:tcfo-sumgait-aktau/.test(location.search))
    assert.ok(await inView(page, [[49.66, 40.59], [51.2, 43.65]]))
    await page.getByRole('radio', { name: /^Nodes/ }).click()
    await page.getByRole('table', { name: 'Nodes' }).locator('tbody tr').first().waitFor()
    await shot(page, '45-inventory')
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('accessibility: axe-core finds no serious or critical violation on the main views; the map takes a focus ring', { timeout: 120_000 }, async () => {
    // The page's CSP (script-src 'self') would refuse the injected checker; the app itself runs under it elsewhere.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })
    await context.addInitScript((token) => sessionStorage.setItem('silkway.token', token), tokens.planner)
    const page = await context.newPage()
    const found: string[] = []
    for (const [view, ready] of [
      ['/?tab=explore', 'heading'],
      ['/?tab=route&from=frankfurt&to=shanghai&avoidCountry=RU', 'Paths'],
      ['/?tab=compare', 'Pairs compared'],
      ['/?tab=inventory', 'Links'],
      ['/?tab=edit&sel=node:aktau', 'form'],
    ] as const) {
      await page.goto(`${server.url}${view}`)
      await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
      if (ready === 'heading') await page.getByRole('heading', { level: 2 }).first().waitFor()
      else if (ready === 'form') await page.getByRole('form', { name: 'Node Aktau' }).waitFor()
      else await page.getByRole('table', { name: ready }).locator('tbody tr').first().waitFor()
      const violations = await seriousViolations(page)
      found.push(...violations.map((v) => `${view}: ${v}`))
    }
    assert.deepEqual(found, [])
    // The map is reached by Tab and shows a focus ring.
    await page.locator('.maplibregl-canvas').focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Shift+Tab')
    const outline = await page.locator('.maplibregl-canvas').evaluate((c) => (c === document.activeElement ? getComputedStyle(c).outlineStyle : 'not focused'))
    assert.equal(outline, 'solid')
    await shot(page, '70-map-focus')
    await context.close()
  })

  test('the map\'s features by keyboard alone: N steps through the nodes in view, L the links, Enter opens, Escape lets go, each announced', { timeout: 60_000 }, async () => {
    const { page, context, errors } = await open('viewer', '/')
    const canvas = page.locator('.maplibregl-canvas')
    // Tab from the top of the page until the map has the focus: no mouse anywhere in this test.
    for (let i = 0; i < 60 && !(await canvas.evaluate((c) => c === document.activeElement)); i++) await page.keyboard.press('Tab')
    assert.ok(await canvas.evaluate((c) => c === document.activeElement), 'Tab reaches the map')
    assert.equal(await canvas.evaluate((c) => getComputedStyle(c).outlineStyle), 'solid')
    const announcer = page.getByTestId('map-announcer')
    assert.equal(await announcer.getAttribute('aria-live'), 'polite')
    const said = async (pattern: RegExp) => {
      await page.waitForFunction(([source, flags]) => new RegExp(source, flags).test(document.querySelector('[data-testid="map-announcer"]')?.textContent ?? ''), [pattern.source, pattern.flags] as const)
      return (await announcer.textContent()) ?? ''
    }
    await page.keyboard.press('n')
    const first = await said(/: node 1 of \d+ in view\./)
    const inView = Number(/of (\d+) in view/.exec(first)?.[1])
    assert.ok(inView > 5, first)
    await page.keyboard.press('n')
    const second = await said(/: node 2 of \d+ in view\./)
    assert.notEqual(second.split(':')[0], first.split(':')[0])
    // Back with Shift+N, then round the end: the last node in view.
    await page.keyboard.press('Shift+N')
    assert.equal(await said(/: node 1 of/), first)
    await page.keyboard.press('Shift+N')
    await said(new RegExp(`: node ${inView} of ${inView} in view`))
    await page.keyboard.press('n')
    await said(/: node 1 of/)
    // The node reached is marked on the map with its name, and the focus stays on the map.
    const name = first.split(', ')[0]
    await page.locator('.kbd-popup').filter({ hasText: name }).waitFor()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 2, name, exact: true }).waitFor()
    await said(/selected, its details are in the panel/)
    assert.match(page.url(), /sel=node(:|%3A)/)
    assert.ok(await canvas.evaluate((c) => c === document.activeElement))
    await shot(page, '72-keyboard-node')
    await page.keyboard.press('Escape')
    await said(/^Let go; nothing selected\.$/)
    await page.waitForFunction(() => !/sel=/.test(location.search))
    assert.equal(await page.locator('.kbd-popup').count(), 0)
    // Links the same way.
    await page.keyboard.press('l')
    const link = await said(/: link 1 of \d+ in view\./)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 2, name: link.split(', ')[0], exact: true }).waitFor()
    assert.match(page.url(), /sel=link(:|%3A)/)
    await shot(page, '73-keyboard-link')
    // MapLibre's own keys still pan: the arrows are not taken.
    const before = await page.evaluate(() => window.silkwayMap?.getCenter().lng ?? 0)
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((lng) => Math.abs((window.silkwayMap?.getCenter().lng ?? lng) - lng) > 0.1, before)
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('on a phone the legend starts folded and the results stay in reach', { timeout: 60_000 }, async () => {
    const { page, context } = await open('viewer', '/?tab=route&from=baku&to=almaty', { width: 390, height: 844 })
    await page.getByRole('table', { name: 'Paths' }).locator('tbody tr').first().waitFor()
    assert.equal(await page.locator('details.legend').getAttribute('open'), null)
    await page.getByRole('table', { name: 'Paths' }).scrollIntoViewIfNeeded()
    assert.ok(await page.getByRole('table', { name: 'Paths' }).isVisible())
    await page.locator('details.legend summary').click()
    await page.getByRole('list', { name: 'Legend' }).getByText('submarine cable').waitFor()
    await shot(page, '61-phone')
    await context.close()
  })

  test('an admin creates, lists and revokes a token in the UI; the revoked token is refused', { timeout: 60_000 }, async () => {
    const { page, context, errors } = await open('admin', '/?tab=admin')
    await page.getByRole('table', { name: 'Tokens' }).locator('tbody tr').first().waitFor()
    const form = page.getByRole('form', { name: 'New token' })
    await form.getByLabel('User').fill('e2e-ui-analyst')
    await form.getByLabel('Role').selectOption('viewer')
    await form.getByRole('button', { name: 'Create token' }).click()
    const secret = (await page.locator('code.secret').innerText()).trim()
    assert.match(secret, /^swt_/)
    assert.equal((await api(server, secret, 'GET', '/api/v1/whoami')).status, 200)
    const row = page.getByRole('table', { name: 'Tokens' }).locator('tbody tr').filter({ hasText: 'e2e-ui-analyst' })
    await row.waitFor()
    await row.getByRole('button', { name: 'Revoke the token of e2e-ui-analyst' }).click()
    await row.filter({ hasText: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ }).waitFor()
    assert.equal((await api(server, secret, 'GET', '/api/v1/whoami')).status, 401)
    // A global admin picks the workspace in the top bar.
    await page.getByLabel('Workspace').waitFor()
    await shot(page, '51-tokens')
    assert.deepEqual(errors, [])
    await context.close()
  })

  test('a viewer sees no editing controls, and the server refuses an edit anyway', { timeout: 60_000 }, async () => {
    const { page, context } = await open('viewer', '/?tab=edit')
    assert.equal(await page.getByRole('tab', { name: 'Edit' }).count(), 0)
    await page.getByRole('alert').filter({ hasText: 'Editing needs the planner role' }).waitFor()
    await page.locator('.badge').filter({ hasText: 'viewer' }).waitFor()
    await shot(page, '50-viewer')
    const status = await page.evaluate(async () => {
      const token = sessionStorage.getItem('silkway.token')
      const r = await fetch('/api/v1/networks/corridor/scenarios/digital-silk-way', { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ scenario: { schemaVersion: 1, name: 'digital-silk-way' }, baseRevision: 1 }) })
      return r.status
    })
    assert.equal(status, 403)
    await context.close()
  })

  test('readable at tablet width', { timeout: 60_000 }, async () => {
    const { page, context } = await open('viewer', '/?tab=route&from=baku&to=almaty', { width: 820, height: 1180 })
    await page.getByRole('table', { name: 'Paths' }).waitFor()
    await page.waitForTimeout(300)
    await shot(page, '60-tablet')
    assert.deepEqual(foreign, [])
    await context.close()
  })
})

describe('open mode in a browser (chromium)', { skip }, () => {
  let openServer: ServerProcess
  let openBrowser: Browser
  let evil: ReturnType<typeof createServer>
  let evilUrl = ''
  before(async () => {
    openServer = await spawnServer({ dataDir: mkdtempSync(join(tmpdir(), 'silkway-e2e-open-')), args: ['--open'] })
    // A page of another site, on another loopback port, that tries what issue 9 found: a text/plain import.
    const port = await freePort()
    evil = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>evil</title>'))
    await new Promise<void>((resolve) => evil.listen(port, '127.0.0.1', resolve))
    evilUrl = `http://localhost:${port}/`
    const { chromium } = await import('playwright-core')
    openBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  })
  after(async () => {
    await openBrowser?.close()
    evil?.close()
  })

  test('the served web app works without a token; a page on another site can neither write nor read', { timeout: 90_000 }, async () => {
    const context = await openBrowser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(openServer.url)
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
    await page.getByText('(open mode)').waitFor()
    const own = await page.evaluate(async () => {
      const r = await fetch('/api/v1/networks/corridor/scenarios/digital-silk-way', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: { schemaVersion: 1, name: 'digital-silk-way' }, baseRevision: 1 }) })
      return r.status
    })
    assert.equal(own, 200, 'the app writes from its own origin')
    const before = (await api(openServer, undefined, 'GET', '/api/v1/networks')).text
    const attacker = await context.newPage()
    await attacker.goto(evilUrl)
    const target = `${openServer.url}/api/v1/networks/corridor/import?baseRevision=1&message=pwned`
    const attempt = await attacker.evaluate(async ([url, read]) => {
      const body = JSON.stringify({ schemaVersion: 1, name: 'x', nodes: [{ id: 'a', name: 'A', kind: 'city', lat: 0, lon: 0 }], links: [] })
      // The request is sent; its answer is blocked for the page anyway (helmet's Cross-Origin-Resource-Policy).
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).catch(() => undefined)
      let readable = 'refused'
      try {
        readable = await (await fetch(read)).text()
      } catch {}
      return readable
    }, [target, `${openServer.url}/api/v1/whoami`] as const)
    assert.equal(attempt, 'refused', 'no CORS: the other page cannot read')
    assert.equal((await api(openServer, undefined, 'GET', '/api/v1/networks')).text, before, 'the import from the other page changed nothing')
    const audit = await api(openServer, undefined, 'GET', '/api/v1/audit?limit=20')
    assert.ok(audit.json.entries.some((e: { status: number; path: string }) => e.status === 403 && e.path.includes('/import')), 'the refusal is audited')
    assert.deepEqual(errors, [])
    await context.close()
  })
})
