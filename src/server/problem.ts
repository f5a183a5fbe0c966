import { STATUS_CODES, maxHeaderSize } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { ERROR_CODES, type ErrorCode, SilkwayError, type ValidationIssue, isSilkwayError, pointerToPath } from '../model'

/** RFC 9457 problem details, with silkway's stable `code` and, for invalid input, every located issue. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI naming the error code' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String({ description: 'Stable silkway error code, see docs/errors.md' }),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'Field path, `links[3].b` style; query parameters are prefixed `query.`' }),
          code: Type.String(),
          message: Type.String(),
          severity: Type.Optional(Type.String()),
          line: Type.Optional(Type.Integer()),
        }),
      ),
    ),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { description: 'RFC 9457 problem document (application/problem+json)' },
)

export type Problem = Static<typeof ProblemSchema>

const MAX_ISSUES = 200

export function problem(code: ErrorCode, detail: string, instance: string, errors?: readonly ValidationIssue[], details?: Record<string, unknown>, status?: number): Problem {
  const spec = ERROR_CODES[code]
  const document: Problem = {
    type: `https://silkway.dev/errors/${code}`,
    title: spec.message,
    status: status ?? spec.httpStatus,
    detail,
    instance,
    code,
  }
  if (errors && errors.length > 0) document.errors = errors.slice(0, MAX_ISSUES).map((e) => ({ path: e.path, code: e.code, message: e.message, severity: e.severity, ...(e.line ? { line: e.line } : {}) }))
  if (details && Object.keys(details).length > 0) document.details = details
  return document
}

export function sendProblem(reply: FastifyReply, document: Problem): FastifyReply {
  return reply.code(document.status).type('application/problem+json; charset=utf-8').send(document)
}

interface RawValidationError {
  instancePath?: string
  message?: string
  keyword?: string
  params?: Record<string, unknown>
}

/** Fastify's validation errors (AJV for query/params, TypeBox for bodies) as located issues. */
function validationIssues(errors: RawValidationError[], context: string | undefined): ValidationIssue[] {
  const prefix = context === 'body' ? '' : context === 'querystring' ? 'query' : (context ?? '')
  return errors.map((e) => {
    let path = pointerToPath(e.instancePath ?? '')
    const missing = e.keyword === 'required' ? (e.params?.missingProperty ?? (e.params?.requiredProperties as string[] | undefined)?.[0]) : undefined
    if (typeof missing === 'string') path = path === '(root)' ? missing : `${path}.${missing}`
    const extra = e.keyword === 'additionalProperties' ? (e.params?.additionalProperty ?? (e.params?.additionalProperties as string[] | undefined)?.[0]) : undefined
    if (typeof extra === 'string') path = path === '(root)' ? extra : `${path}.${extra}`
    if (prefix) path = path === '(root)' ? prefix : `${prefix}.${path}`
    // additionalProperties: false compiles to a false schema per unknown key: say what that means.
    const unknown = e.keyword === 'boolean' && e.message === 'schema is false'
    const message = unknown ? (prefix === 'query' ? 'not a parameter of this endpoint' : 'not a field of this document') : (e.message ?? 'invalid')
    return { path, code: unknown ? 'unknown-field' : (e.keyword ?? 'invalid'), message, severity: 'error' as const }
  })
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'SW_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SW_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'SW_INVALID_ARGUMENT',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'SW_PARSE_ERROR',
  FST_ERR_CTP_INVALID_JSON_BODY: 'SW_PARSE_ERROR',
}

/**
 * Every error becomes a problem document: silkway errors keep their code and status, fastify's input errors
 * map to theirs, and anything else is a 500 without a stack trace (logged with it instead).
 */
export function toProblem(error: FastifyError & { issues?: ValidationIssue[] }, request: FastifyRequest): Problem {
  const instance = request.url.split('?')[0].slice(0, 500)
  if (isSilkwayError(error)) return problem(error.code, error.message, instance, error.issues, safeDetails(error.details))
  if (error.validation) {
    const body = error.validationContext === 'body'
    const issues = validationIssues(error.validation as RawValidationError[], error.validationContext)
    const first = issues[0]
    return problem(body ? 'SW_INVALID_DOCUMENT' : 'SW_INVALID_ARGUMENT', first ? `${first.path}: ${first.message}` : 'invalid request', instance, issues)
  }
  const status = error.statusCode ?? 500
  if (status === 429) return problem('SW_RATE_LIMITED', error.message, instance)
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined
  if (mapped) return problem(mapped, mapped === 'SW_PARSE_ERROR' ? `the body is not valid JSON: ${error.message}` : error.message, instance, undefined, undefined, status >= 400 && status < 500 ? status : undefined)
  if (error instanceof SyntaxError || (status >= 400 && status < 500)) {
    const code: ErrorCode = error instanceof SyntaxError ? 'SW_PARSE_ERROR' : status === 404 ? 'SW_NOT_FOUND' : status === 413 ? 'SW_PAYLOAD_TOO_LARGE' : status === 415 ? 'SW_UNSUPPORTED_MEDIA_TYPE' : 'SW_INVALID_ARGUMENT'
    return problem(code, error.message, instance, undefined, undefined, status >= 400 && status < 500 ? status : 400)
  }
  return problem('SW_INTERNAL', 'internal error; it has been logged', instance)
}

/** Details are echoed to the client: only plain, short values. */
function safeDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string') out[key] = value.slice(0, 500)
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[key] = value
    else if (Array.isArray(value) && value.length <= 50 && value.every((v) => typeof v === 'string' || typeof v === 'number')) out[key] = value
  }
  return out
}

/**
 * Errors node's HTTP parser meets before there is a request (headers over the limit, a timeout, bytes that are
 * not HTTP) never reach fastify's error handler; fastify's default answers them with its own JSON. This answers
 * them as problem documents too, then closes the connection as node does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [code, status, detail]: [ErrorCode, number, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['SW_HEADERS_TOO_LARGE', 431, `the request headers are larger than ${maxHeaderSize} bytes`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['SW_INVALID_ARGUMENT', 408, 'the request was not received in time']
        : ['SW_INVALID_ARGUMENT', 400, 'the request is not valid HTTP/1.1']
  const body = JSON.stringify(problem(code, detail, '', undefined, undefined, status))
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(error)
}

/** onRequest: a request that reaches a closing server (pipelined, or on a kept-alive connection) gets a 503 problem. */
export function refuseWhileClosing(closing: boolean): void {
  if (closing) throw new SilkwayError('SW_SERVICE_UNAVAILABLE', 'the server is shutting down; retry on another one or after the restart')
}
