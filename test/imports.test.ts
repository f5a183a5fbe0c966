import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/*
 * The import graph of src/ and web/src (issue 8), read with the TypeScript compiler. No import cycles between
 * modules: every relative import, re-export and dynamic import is an edge, type-only ones included (a cycle
 * of types is still a loop in the design), and each strongly connected component of more than one file is a
 * cycle (Tarjan, SIAM J. Comput. 1(2), 1972). And the browser bundle, which follows value imports only,
 * reaches no Node-only package.
 */

const ROOT = resolve(import.meta.dirname, '..')
const TREES = ['src', 'web/src']

/**
 * Cycles known and being removed, each as the sorted list of its files. The lead empties this list: an entry
 * that no longer matches a cycle fails the test too, so it cannot outlive the loop it excuses.
 */
// Cycles accepted for now, each with why; empty since issue 8 split the server (services.ts, jobs/).
const KNOWN_CYCLES: readonly (readonly string[])[] = [
]

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) sourceFiles(path, out)
    else if (/\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path)
  }
  return out
}

/** The file a relative specifier names, as the bundler resolves it; undefined for packages. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return undefined
}

interface Specifier {
  text: string
  /** `import type`, `export type` or a type's `import('…')`: erased from the JavaScript. */
  typeOnly: boolean
}

/** Module specifiers a file imports: static imports and re-exports, `import()` calls and `import x = require()`. */
function specifiers(path: string): Specifier[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const out: Specifier[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ text: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ text: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push({ text: node.arguments[0].text, typeOnly: false })
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push({ text: node.moduleReference.expression.text, typeOnly: node.isTypeOnly })
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push({ text: node.argument.literal.text, typeOnly: true })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

interface ImportGraph {
  /** File → the files it imports. */
  graph: Map<string, string[]>
  /** File → the files it imports for their values (what a bundle follows; `import type` is erased). */
  runtime: Map<string, string[]>
  /** File → the packages it imports for their values (`node:fs`, `typebox`, …). */
  packages: Map<string, string[]>
  /** Relative imports that name no existing file. */
  unresolved: string[]
}

/** The import graph of every TypeScript file under the given trees, paths relative to the repository. */
function importGraph(trees: readonly string[]): ImportGraph {
  const graph = new Map<string, string[]>()
  const runtime = new Map<string, string[]>()
  const packages = new Map<string, string[]>()
  const unresolved: string[] = []
  for (const tree of trees) {
    for (const file of sourceFiles(join(ROOT, tree))) {
      const targets: string[] = []
      const values: string[] = []
      const used: string[] = []
      for (const { text, typeOnly } of specifiers(file)) {
        if (!text.startsWith('.')) {
          if (!typeOnly) used.push(text)
          continue
        }
        const target = resolveImport(file, text)
        if (target) {
          targets.push(relative(ROOT, target))
          if (!typeOnly) values.push(relative(ROOT, target))
        } else if (!/\.(json|css|svg|png|woff2?)$/.test(text) && !text.includes('?')) unresolved.push(`${relative(ROOT, file)}: '${text}'`)
      }
      const key = relative(ROOT, file)
      graph.set(key, [...new Set(targets)])
      runtime.set(key, [...new Set(values)])
      packages.set(key, [...new Set(used)])
    }
  }
  return { graph, runtime, packages, unresolved }
}

/** Strongly connected components of more than one file, or one that imports itself (Tarjan, iterative). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const out: string[][] = []
  let counter = 0
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue
    const work: Array<{ node: string; next: number }> = [{ node: start, next: 0 }]
    index.set(start, counter)
    low.set(start, counter++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = work[work.length - 1]
      const edges = graph.get(frame.node) ?? []
      if (frame.next < edges.length) {
        const next = edges[frame.next++]
        if (!index.has(next)) {
          index.set(next, counter)
          low.set(next, counter++)
          stack.push(next)
          onStack.add(next)
          work.push({ node: next, next: 0 })
        } else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!))
        continue
      }
      work.pop()
      if (work.length > 0) {
        const parent = work[work.length - 1].node
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!))
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== frame.node)
      if (component.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) out.push(component.sort())
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]))
}

/** One loop through a component, to print: a → b → … → a, by breadth-first search back to the first file. */
function loopThrough(component: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const inside = new Set(component)
  const first = component[0]
  const previous = new Map<string, string>()
  const queue = [first]
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i]) ?? []) {
      if (!inside.has(next)) continue
      if (next === first) {
        const path = [first]
        for (let at = queue[i]; at !== first; at = previous.get(at)!) path.push(at)
        return [first, ...path.slice(1).reverse(), first]
      }
      if (!previous.has(next)) {
        previous.set(next, queue[i])
        queue.push(next)
      }
    }
  }
  return [first, first]
}

test('the cycle finder sees a loop of three, a self-import, and nothing in a tree', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c', 'd']],
    ['c', ['a']],
    ['d', []],
    ['e', ['e']],
    ['f', ['d']],
  ])
  assert.deepEqual(cycles(graph), [['a', 'b', 'c'], ['e']])
  assert.deepEqual(loopThrough(['a', 'b', 'c'], graph), ['a', 'b', 'c', 'a'])
  assert.deepEqual(cycles(new Map([['x', ['y']], ['y', []]])), [])
})

test('no import cycles in src/ and web/src (beyond the known ones listed above)', () => {
  const { graph, unresolved } = importGraph(TREES)
  assert.ok(graph.size > 100, `read ${graph.size} files`)
  assert.deepEqual(unresolved, [], 'every relative import names a file')
  const found = cycles(graph)
  const key = (files: readonly string[]) => [...files].sort().join(' ')
  const known = new Set(KNOWN_CYCLES.map(key))
  const unexpected = found.filter((c) => !known.has(key(c)))
  const stale = KNOWN_CYCLES.filter((c) => !found.some((f) => key(f) === key(c)))
  const describe = (c: readonly string[]) => `${c.length} files: ${loopThrough(c, graph).join(' → ')}\n    all: ${c.join(', ')}`
  assert.equal(unexpected.length, 0, `import cycles:\n  ${unexpected.map(describe).join('\n  ')}`)
  assert.equal(stale.length, 0, `KNOWN_CYCLES lists a cycle that is gone; remove it:\n  ${stale.map((c) => c.join(', ')).join('\n  ')}`)
})

/** Packages the browser must never load: Node built-ins, and the server's and the geodesic's dependencies. */
const NOT_IN_THE_BROWSER = /^(node:|fs$|path$|os$|worker_threads$|child_process$|geographiclib-geodesic|piscina|better-sqlite3|pg$|kysely|fastify|@fastify\/|commander|cli-)/

test('the web app reaches no Node-only or server package through its imports of the core', () => {
  const { runtime, packages } = importGraph(TREES)
  const entries = [...runtime.keys()].filter((f) => f.startsWith('web/src/') && !/\.test\.tsx?$/.test(f))
  const via = new Map<string, string>(entries.map((f) => [f, f]))
  const queue = [...entries]
  for (let i = 0; i < queue.length; i++) {
    for (const next of runtime.get(queue[i]) ?? []) {
      if (via.has(next)) continue
      via.set(next, queue[i])
      queue.push(next)
    }
  }
  assert.ok(queue.some((f) => f === 'src/geo/sphere.ts'), 'the web imports the spherical geometry of the core')
  const trail = (file: string) => {
    const path = [file]
    while (via.get(path[0]) !== path[0]) path.unshift(via.get(path[0])!)
    return path.join(' → ')
  }
  const offending = queue.flatMap((f) => (packages.get(f) ?? []).filter((p) => NOT_IN_THE_BROWSER.test(p)).map((p) => `${p} via ${trail(f)}`))
  assert.deepEqual(offending, [])
})
