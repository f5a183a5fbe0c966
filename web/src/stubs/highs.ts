/**
 * The browser never solves an LP: the traffic questions' parameter schemas (src/traffic/params.ts, read for the
 * Traffic tab's form fields) sit beside the code that lazily loads HiGHS, and this stands in for it in the web
 * build (web/vite.config.ts `resolve.alias`), so its 3.5 MB of WebAssembly is not emitted into dist/web.
 */
export default function highs(): never {
  throw new Error('HiGHS runs on the server: the web app asks the API (GET /flow) for optimal routing')
}
