// Load and interaction times of the web app in headless Chromium (docs/web.md, "Measurements").
// Usage: node bench/web-load.mjs http://127.0.0.1:8080 TOKEN [PATH] [LABEL] [RUNS]   (a running `silkway serve`)
// RUNS (default 1): that many fresh browser contexts, each a cold then a warm load; the medians are printed last.
// "map drawn" is when the page sets the map's data-ready (the frame with the corridor and the base map has been
// produced: web/src/map/MapView.tsx), read in the page (performance.now(), from the navigation's start) by a
// MutationObserver; "seen" is when Playwright's waitFor noticed it, which polls (at up to 500 ms intervals) and so
// runs late by up to that much. "load event" is when page.goto returns (the page's load event). A click is timed
// from the dispatched events to the second animation frame after them, i.e. until the frame with the details is
// produced, and until the frame after the one that drew the node's selection ring.
import { chromium } from 'playwright-core'
const [url, token, path = '/', label = 'corridor', runsText = '1'] = process.argv.slice(2)
const runs = Math.max(1, Number(runsText) || 1)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] })
const sample = () => ({ dcl: [], panel: [], map: [], seen: [], frames: [], painted: [], tiles: [], created: [] })
const samples = { cold: sample(), warm: sample() }
let context
let page
for (let i = 0; i < runs; i++) {
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript((t) => {
    sessionStorage.setItem('silkway.token', t)
    // Frames MapLibre draws and tiles it loads before the map is ready: each frame is a SwiftShader raster and
    // read-back, so these counts say what changed when the machine's load makes the times noisy.
    // A frame is painted when it issued GL draw calls: since the seventh session the frames before the load frame
    // only update the sources and paint nothing (drawWhenTilesLoaded in MapView.tsx).
    const counts = { frames: 0, painted: 0, tiles: 0, draws: 0, drawsAtLastFrame: 0 }
    window.silkwayLoadCounts = counts
    for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
      for (const name of ['drawElements', 'drawArrays']) {
        const draw = proto[name]
        proto[name] = function (...args) {
          counts.draws++
          return draw.apply(this, args)
        }
      }
    }
    new MutationObserver((_, observer) => {
      if (!document.querySelector('.map-area[data-ready="true"]')) return
      window.silkwayReadyAt = performance.now()
      observer.disconnect()
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] })
    let map
    Object.defineProperty(window, 'silkwayMap', {
      configurable: true,
      get: () => map,
      set(value) {
        map = value
        map?.on('render', () => {
          if (document.querySelector('.map-area[data-ready="true"]')) return
          counts.frames++
          if (counts.draws > counts.drawsAtLastFrame) counts.painted++
          counts.drawsAtLastFrame = counts.draws
        })
        map?.on('dataloading', (e) => e.tile && !document.querySelector('.map-area[data-ready="true"]') && counts.tiles++)
      },
    })
  }, token)
  page = await context.newPage()
  for (const run of ['cold', 'warm']) {
    const t0 = Date.now()
    await page.goto(url + path)
    const dcl = Date.now() - t0
    await page.locator('.panel-body h2').first().waitFor()
    const panel = Date.now() - t0
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 60000 })
    const seen = Date.now() - t0
    const map = await page.evaluate(() => Math.round(window.silkwayReadyAt))
    samples[run].seen.push(seen)
    samples[run].dcl.push(dcl)
    samples[run].panel.push(panel)
    const { frames, painted, tiles } = await page.evaluate(() => window.silkwayLoadCounts)
    // When MapLibre was created (the app's performance mark): what the requests and the scripts before it took.
    const created = await page.evaluate(() => Math.round(performance.getEntriesByName('silkway:map-created')[0]?.startTime ?? NaN))
    samples[run].created.push(created)
    samples[run].map.push(map)
    samples[run].frames.push(frames)
    samples[run].painted.push(painted)
    samples[run].tiles.push(tiles)
    console.log(`${label} ${run}: load event ${dcl} ms, panel with data ${panel} ms, map created ${created} ms, map drawn ${map} ms (seen ${seen} ms); ${frames} frames (${painted} painted) and ${tiles} tile loads before`)
    if (process.env.SILKWAY_BENCH_TIMELINE) {
      const timeline = await page.evaluate(() => [
        ...performance.getEntriesByType('resource').map((e) => `${e.name.replace(/^.*\//, '').slice(0, 28)} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`),
        ...performance.getEntriesByType('mark').map((e) => `${e.name} ${Math.round(e.startTime)}`),
      ])
      console.log(`  ${timeline.join('\n  ')}`)
    }
  }
}
if (runs > 1) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  for (const run of ['cold', 'warm']) {
    const s = samples[run]
    console.log(`${label} ${run}, median of ${runs}: load event ${median(s.dcl)} ms, panel with data ${median(s.panel)} ms, map created ${median(s.created)} ms, map drawn ${median(s.map)} ms (range ${Math.min(...s.map)}–${Math.max(...s.map)}; seen ${median(s.seen)} ms); ${median(s.frames)} frames (${median(s.painted)} painted), ${median(s.tiles)} tile loads before`)
  }
}
const nodes = await page.evaluate(() => window.silkwayMap.querySourceFeatures('nodes').length)
const hover = await page.evaluate(async () => {
  const map = window.silkwayMap
  const canvas = map.getCanvas()
  const r = canvas.getBoundingClientRect()
  const samples = []
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now()
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + 100 + i * 30, clientY: r.top + 200 + i * 10, bubbles: true }))
    await new Promise((res) => requestAnimationFrame(() => res()))
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[10], max: samples[19] }
})
console.log(`${label}: ${nodes} node features; hover to next frame median ${hover.median.toFixed(1)} ms, max ${hover.max.toFixed(1)} ms`)
// Click → details panel: seven clicks on different nodes, each after the map has settled; the median is printed.
const click = await page.evaluate(async () => {
  const map = window.silkwayMap
  const canvas = map.getCanvas()
  const r = canvas.getBoundingClientRect()
  const nodes = map.querySourceFeatures('nodes').filter((f, i, all) => all.findIndex((g) => g.id === f.id) === i)
  const samples = []
  const rings = []
  let heading
  let missed = 0
  for (let i = 0; i < 7; i++) {
    const f = nodes[(3 + i * 5) % nodes.length]
    const p = map.project(f.geometry.coordinates)
    if (p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height) continue
    await new Promise((res) => setTimeout(res, 300))
    // The ring: the first frame MapLibre draws with the node's `selected` state, then the next animation frame.
    let ringDrawn = false
    const rendered = () => (ringDrawn ||= map.getFeatureState({ source: 'nodes', id: f.id }).selected === true)
    map.on('render', rendered)
    const t0 = performance.now()
    for (const type of ['mousedown', 'mouseup', 'click']) canvas.dispatchEvent(new MouseEvent(type, { clientX: r.left + p.x, clientY: r.top + p.y, bubbles: true }))
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())))
    samples.push(performance.now() - t0)
    const ring = await new Promise((res) => {
      const until = performance.now() + 3000
      const check = () => (ringDrawn ? res(performance.now() - t0) : performance.now() > until ? res(Number.NaN) : requestAnimationFrame(check))
      requestAnimationFrame(check)
    })
    map.off('render', rendered)
    rings.push(ring)
    heading = document.querySelector('.panel-body h2')?.textContent
    // A click that opened another node (one drawn on top) or none is timed all the same, and counted.
    if (heading !== f.properties.name) missed++
  }
  samples.sort((a, b) => a - b)
  rings.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1], n: samples.length, ring: rings[Math.floor(rings.length / 2)], heading, missed }
})
console.log(`${label}: click a node → details drawn, median of ${click.n} ${click.median.toFixed(1)} ms, max ${click.max.toFixed(1)} ms; → its ring drawn on the map, median ${click.ring.toFixed(1)} ms (last: ${click.heading}${click.missed ? `; ${click.missed} clicks showed another node's details` : ''})`)
await page.screenshot({ path: `test-artifacts/web-${label}.png` })
await browser.close()
