/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { root } from '../helpers'

/**
 * What the web end-to-end suites share: Debian's chromium driven by playwright-core, a page signed in with a
 * token and waited on until the map is drawn, screenshots under test-artifacts/e2e/, downloads and table cells.
 */

export const CHROMIUM = process.env.SILKWAY_CHROMIUM ?? '/usr/bin/chromium'
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const artifacts = join(root, 'test-artifacts', 'e2e')

/** Why the suite is skipped (no chromium), printed; false when it runs. Throws under SILKWAY_REQUIRE_SERVICES=1. */
export function chromiumMissing(): string | false {
  if (existsSync(CHROMIUM)) return false
  const reason = `${CHROMIUM} is not installed (apt-get install chromium): web end-to-end tests skipped`
  if (process.env.SILKWAY_REQUIRE_SERVICES === '1') throw new Error(`${reason} — and SILKWAY_REQUIRE_SERVICES=1 requires it`)
  process.stderr.write(`# ${reason}\n`)
  return reason
}

/**
 * A new context signed in with `token` (the app reads it from sessionStorage), at `path`, once the map is ready.
 * Page errors and console errors are collected; requests to any other host are pushed to `foreign`.
 */
export async function openPage(browser: Browser, serverUrl: string, token: string, path = '/', viewport = { width: 1280, height: 800 }, foreign: string[] = []): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport })
  await context.addInitScript((t) => sessionStorage.setItem('silkway.token', t), token)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('request', (r) => {
    const url = r.url()
    if (!url.startsWith(serverUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url)
  })
  await page.goto(`${serverUrl}${path}`)
  await page.locator('.map-area[data-ready="true"]').waitFor({ timeout: 30_000 })
  return { page, context, errors }
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) })

/** What a click on `button` downloads: its suggested name and its bytes. */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

/** The rows of a table as the cells' texts. */
export const cells = (page: Page, table: string) => page.getByRole('table', { name: table }).locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))
/** A number as the tables print it ("1,234.5", "+3.1"). */
export const numberIn = (text: string) => Number(text.replace(/[,+\s%]/g, ''))

/** Where a [lon, lat] is on the page, in CSS pixels (the map is `window.silkwayMap`). */
export const onScreen = (page: Page, lonLat: [number, number]) =>
  page.evaluate((p) => {
    const map = (window as unknown as { silkwayMap?: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } }).silkwayMap
    if (!map) throw new Error('no map')
    const xy = map.project(p)
    const box = map.getCanvas().getBoundingClientRect()
    return { x: box.left + xy.x, y: box.top + xy.y }
  }, lonLat)

/**
 * The serious and critical violations axe-core finds on the page as it stands. The page's CSP (script-src 'self')
 * refuses the injected checker: the context must be made with `bypassCSP: true`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: axe })
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
  })
}
