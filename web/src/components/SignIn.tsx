import { useState } from 'react'
import { ApiError, setToken, whoami } from '../api'

/** The token form: the service refuses every data request without one (docs/security.md). */
export function SignIn({ onSignedIn }: { onSignedIn(token: string, remember: boolean): void }) {
  const [token, setText] = useState('')
  const [remember, setRemember] = useState(false)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  return (
    <main className="signin">
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          setBusy(true)
          setError(undefined)
          setToken(token.trim())
          try {
            await whoami()
            onSignedIn(token.trim(), remember)
          } catch (err) {
            setToken(undefined)
            setError(err instanceof ApiError && err.status === 401 ? 'The server does not know this token (or it was revoked).' : (err as Error).message)
          } finally {
            setBusy(false)
          }
        }}
      >
        <h1>silkway</h1>
        <p>The corridor map needs an API token.</p>
        <label className="field">
          <span>Token</span>
          <input type="password" name="token" autoComplete="off" placeholder="swt_…" value={token} onChange={(e) => setText(e.target.value)} required aria-describedby="token-help" />
        </label>
        <p id="token-help" className="muted small">
          The admin token is printed once when <code>silkway serve</code> first starts; create others with{' '}
          <code>silkway token create --role viewer|planner|admin</code>. Run <code>silkway serve --open</code> to use the map alone on this machine without one.
        </p>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember on this device
        </label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
