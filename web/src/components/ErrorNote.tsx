import { errorCode, errorText } from '../api'

/** A failure in words for people; the stable code (and the server's own wording) in a details line. */
export function ErrorNote({ error, text }: { error: Error; text?: string }) {
  const code = errorCode(error)
  const said = text ?? errorText(error)
  return (
    <div role="alert" className="error">
      <p>{said}</p>
      {(code || said !== error.message) && (
        <details className="small">
          <summary>Details</summary>
          {code && <code>{code}</code>} {error.message}
        </details>
      )}
    </div>
  )
}
