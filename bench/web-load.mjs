// Load and interaction times of the web app in headless Chromium (docs/web.md, "Measurements").
// Usage: node bench/web-load.mjs http://127.0.0.1:8080 TOKEN [PATH] [LABEL] [RUNS]   (a running `silkway serve`)
// RUNS (default 1): that many fresh browser contexts, each a cold then a warm load; the medians are printed last.
import { chromium } from 'playwright-core'
const [url, token, path = '/', label = 'corridor', runsText = '1'] = process.argv.slice(2)
const runs = Math.max(1, Number(runsText) || 1)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] })
const samples = { cold: { dcl: [], panel: [], map: [] }, warm: { dcl: [], panel: [], map: [] } }
let context
let page
for (let i = 0; i < runs; i++) {
  await context?.close()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript((t) => sessionStorage.setItem('silkway.token', t), token)
  page = await context.newPage()
  for (const run of ['cold', 'warm']) {
    const t0 = Date.now()
    await page.goto(url + path)
    const dcl = Date.now() - t0
    await page.locator('.panel-body h2').first().waitFor()
    const panel = Date.now() - t0
    await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 60000 })
    const map = Date.now() - t0
    samples[run].dcl.push(dcl)
    samples[run].panel.push(panel)
    samples[run].map.push(map)
    console.log(`${label} ${run}: DOMContentLoaded ${dcl} ms, panel with data ${panel} ms, map drawn (idle) ${map} ms`)
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
    console.log(`${label} ${run}, median of ${runs}: DOMContentLoaded ${median(s.dcl)} ms, panel with data ${median(s.panel)} ms, map drawn (idle) ${median(s.map)} ms (range ${Math.min(...s.map)}–${Math.max(...s.map)})`)
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
  let heading
  for (let i = 0; i < 7; i++) {
    const f = nodes[(3 + i * 5) % nodes.length]
    const p = map.project(f.geometry.coordinates)
    if (p.x < 0 || p.y < 0 || p.x > r.width || p.y > r.height) continue
    await new Promise((res) => setTimeout(res, 300))
    const t0 = performance.now()
    for (const type of ['mousedown', 'mouseup', 'click']) canvas.dispatchEvent(new MouseEvent(type, { clientX: r.left + p.x, clientY: r.top + p.y, bubbles: true }))
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())))
    samples.push(performance.now() - t0)
    heading = document.querySelector('.panel-body h2')?.textContent
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1], n: samples.length, heading }
})
console.log(`${label}: click a node → details drawn, median of ${click.n} ${click.median.toFixed(1)} ms, max ${click.max.toFixed(1)} ms (last: ${click.heading})`)
await page.screenshot({ path: `test-artifacts/web-${label}.png` })
await browser.close()
