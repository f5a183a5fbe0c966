import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { backends, stopBackends } from './backends'
import { api, killAll, spawnServer, tinyNetwork } from './process'

const ROUNDS = Number(process.env.SILKWAY_CRASH_ROUNDS ?? 5)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

after(() => {
  killAll()
  stopBackends()
})

for (const backend of backends) {
  describe(`reliability on ${backend.name}`, () => {
    test(`kill -9 during a burst of writes, ${ROUNDS} times: every acknowledged write survives, integrity holds`, { timeout: 180_000 }, async (t) => {
      if (backend.skip) return t.skip(backend.skip)
      const where = await backend.create()
      let server = await spawnServer(where.spawn)
      const admin = server.adminToken as string
      assert.ok(admin, server.output())
      const planner = (await api(server, admin, 'POST', '/api/v1/tokens', { user: 'writer', role: 'planner', workspace: 'default' })).json.token
      assert.equal((await api(server, planner, 'POST', '/api/v1/networks', { name: 'burst', network: tinyNetwork(2) })).status, 201)
      const created: string[] = []
      const updated: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) server = await spawnServer(where.spawn)
        let stop = false
        const worker = async (w: number) => {
          for (let i = 0; !stop; i++) {
            try {
              if (i % 2 === 0) {
                const name = `r${round}-w${w}-${i}`
                const r = await api(server, planner, 'POST', '/api/v1/networks', { name, network: tinyNetwork(3), message: name })
                if (r.status === 201) created.push(name)
                else assert.ok(r.status < 500, `unexpected ${r.status}: ${r.text}`)
              } else {
                const got = await api(server, planner, 'GET', '/api/v1/networks/burst')
                if (got.status !== 200) continue
                const r = await api(server, planner, 'PUT', '/api/v1/networks/burst', { network: tinyNetwork(2, (got.json.revision % 170) + 1), baseRevision: got.json.revision })
                if (r.status === 200) updated.push(r.json.revision)
                else assert.ok(r.status === 409 || r.status === 503, `unexpected ${r.status}: ${r.text}`)
              }
            } catch (error) {
              if (error instanceof assert.AssertionError) throw error
              return // connection refused or reset: the server is dead
            }
          }
        }
        const workers = Array.from({ length: 6 }, (_, w) => worker(w))
        // Kill only once this round has acknowledged at least one create and one update (then a random
        // moment later), so the test checks durability under writes in flight however slow the machine is,
        // rather than depending on how many writes fit in a fixed window.
        const createdBefore = created.length
        const updatedBefore = updated.length
        const deadline = Date.now() + 30_000
        while ((created.length === createdBefore || updated.length === updatedBefore) && Date.now() < deadline) await sleep(10)
        await sleep(Math.random() * 300)
        await server.kill('SIGKILL')
        stop = true
        await Promise.all(workers)
        const store = await where.open()
        try {
          const check = await store.integrityCheck()
          assert.equal(check.database, 'ok')
          assert.deepEqual(check.problems, [])
          const names = new Set((await store.list('default', 'network')).map((m) => m.name))
          for (const name of created) assert.ok(names.has(name), `acknowledged create of ${name} lost after kill -9 in round ${round}`)
          const revisions = new Set((await store.history({ workspace: 'default', kind: 'network', network: '', name: 'burst' }, { limit: 1000 })).map((h) => h.revision))
          for (const revision of updated) assert.ok(revisions.has(revision), `acknowledged revision ${revision} lost in round ${round}`)
        } finally {
          await store.close()
        }
      }
      assert.ok(created.length >= ROUNDS && updated.length >= ROUNDS, `the bursts wrote (${created.length} creates, ${updated.length} updates)`)
      server = await spawnServer(where.spawn)
      assert.equal((await api(server, planner, 'GET', '/api/v1/networks/burst')).status, 200)
      await server.kill()
    })

    test('concurrent writers on one network: every change lands, stale writes get 409, none is lost', { timeout: 120_000 }, async (t) => {
      if (backend.skip) return t.skip(backend.skip)
      const where = await backend.create()
      const server = await spawnServer(where.spawn)
      try {
        const admin = server.adminToken as string
        const planner = (await api(server, admin, 'POST', '/api/v1/tokens', { user: 'writer', role: 'planner', workspace: 'default' })).json.token
        assert.equal((await api(server, planner, 'POST', '/api/v1/networks', { name: 'shared', network: tinyNetwork(1) })).status, 201)
        const WRITERS = 6
        const EACH = 6
        let conflicts = 0
        await Promise.all(
          Array.from({ length: WRITERS }, async (_, w) => {
            for (let j = 0; j < EACH; j++) {
              for (;;) {
                const got = await api(server, planner, 'GET', '/api/v1/networks/shared')
                const network = got.json.network
                network.nodes.push({ id: `w${w}-${j}`, name: `Writer ${w} change ${j}`, kind: 'city', lat: w, lon: j })
                const put = await api(server, planner, 'PUT', '/api/v1/networks/shared', { network, message: `w${w}-${j}` }, { 'if-match': got.headers.get('etag') as string })
                if (put.status === 200) break
                assert.equal(put.status, 409, put.text)
                assert.equal(put.json.code, 'SW_REVISION_CONFLICT')
                conflicts++
              }
            }
          }),
        )
        const final = await api(server, planner, 'GET', '/api/v1/networks/shared')
        const ids = new Set(final.json.network.nodes.map((n: { id: string }) => n.id))
        for (let w = 0; w < WRITERS; w++) for (let j = 0; j < EACH; j++) assert.ok(ids.has(`w${w}-${j}`), `lost update w${w}-${j}`)
        assert.equal(final.json.revision, 1 + WRITERS * EACH)
        const history = await api(server, planner, 'GET', '/api/v1/networks/shared/revisions?limit=1000')
        assert.equal(history.json.revisions.length, 1 + WRITERS * EACH)
        t.diagnostic(`${conflicts} stale writes refused with 409 and retried`)
      } finally {
        await server.kill()
      }
    })
  })
}
