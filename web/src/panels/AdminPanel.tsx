import { useState } from 'react'
import { type Role, type TokenInfo, createToken, currentWorkspace, listTokens, revokeToken, useApi, useApiQuery } from '../api'
import { DataTable } from '../components/DataTable'
import { ErrorNote } from '../components/ErrorNote'
import { useWorkbench } from '../context'

/** The roles a token may have (the store's ROLES, spelled here: importing its value would bring store code into the browser). */
const ROLE_CHOICES: readonly Role[] = ['viewer', 'planner', 'admin']

/** Tokens of the workspace: list, create (the secret is shown once), revoke. Admin role. */
export default function AdminPanel() {
  const wb = useWorkbench()
  const [version, setVersion] = useState(0)
  const { data, error } = useApiQuery((signal) => listTokens({ signal }), [version])
  const [user, setUser] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const created = useApi(async (_signal, body: { user: string; role: Role }) => {
    const answer = await createToken(body)
    setVersion((v) => v + 1)
    return answer
  })
  const revoked = useApi(async (_signal, id: string) => {
    const answer = await revokeToken(id)
    setVersion((v) => v + 1)
    return answer
  })
  const global = wb.me.tokenWorkspace === '*'
  return (
    <div>
      <h2>Tokens</h2>
      <p className="small">
        Workspace <b>{currentWorkspace()}</b>
        {global ? ' (your token is valid in every workspace: pick another in the top bar)' : ''}. A token's secret is shown once, when it is created.
      </p>
      <form
        className="stack record"
        aria-label="New token"
        onSubmit={(e) => {
          e.preventDefault()
          if (user.trim()) created.run({ user: user.trim(), role })
        }}
      >
        <div className="row">
          <label className="field">
            <span>User</span>
            <input value={user} onChange={(e) => setUser(e.target.value)} placeholder="who will use it" maxLength={200} />
          </label>
          <label className="field">
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLE_CHOICES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
        </div>
        <button type="submit" disabled={!user.trim() || created.busy}>Create token</button>
      </form>
      {created.data && (
        <div role="status" className="ok">
          <p>Token for {created.data.info.user} ({created.data.info.role}) — copy it now, it is not shown again:</p>
          <code className="secret">{created.data.token}</code>
        </div>
      )}
      {created.error && <ErrorNote error={created.error} />}
      {revoked.error && <ErrorNote error={revoked.error} />}
      {error && <ErrorNote error={error} />}
      {data && (
        <DataTable
          label="Tokens"
          columns={[
            { header: 'user', value: (t: TokenInfo) => t.user },
            { header: 'role', value: (t) => t.role },
            { header: 'workspace', value: (t) => t.workspace },
            { header: 'created', value: (t) => t.createdAt.slice(0, 16).replace('T', ' ') },
            { header: 'by', value: (t) => t.createdBy },
            {
              header: 'revoked',
              value: (t) => (t.revokedAt ? t.revokedAt.slice(0, 16).replace('T', ' ') : ''),
              render: (t) =>
                t.revokedAt ? (
                  t.revokedAt.slice(0, 16).replace('T', ' ')
                ) : t.id === wb.me.tokenId ? (
                  <span className="muted">yours</span>
                ) : (
                  <button type="button" className="secondary small" aria-label={`Revoke the token of ${t.user}`} onClick={() => revoked.run(t.id)}>Revoke</button>
                ),
            },
          ]}
          rows={data.tokens}
          rowKey={(t) => t.id}
          sort={{ by: 'created', descending: true }}
        />
      )}
    </div>
  )
}
