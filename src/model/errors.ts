/**
 * The one registry of silkway error codes. Codes are stable and append-only: a client may match on them.
 * `category` says who is at fault (GNPy's grouping); only the CLI and the server map it to exit codes and
 * HTTP statuses.
 */
export type ErrorCategory = 'input' | 'infeasible' | 'internal'

export interface ErrorCodeSpec {
  readonly message: string
  readonly category: ErrorCategory
  readonly httpStatus: number
}

export const ERROR_CODES = {
  SW_INVALID_DOCUMENT: { message: 'The document does not match the schema', category: 'input', httpStatus: 422 },
  SW_PARSE_ERROR: { message: 'The file could not be parsed', category: 'input', httpStatus: 400 },
  SW_UNKNOWN_FORMAT: { message: 'The network format could not be recognised', category: 'input', httpStatus: 415 },
  SW_UNKNOWN_NODE: { message: 'No node matches that id or name', category: 'input', httpStatus: 404 },
  SW_AMBIGUOUS_NODE: { message: 'More than one node matches that name', category: 'input', httpStatus: 400 },
  SW_UNKNOWN_SCENARIO: { message: 'No scenario has that name', category: 'input', httpStatus: 404 },
  SW_INVALID_ARGUMENT: { message: 'An argument is not valid', category: 'input', httpStatus: 400 },
  SW_FILE_NOT_FOUND: { message: 'The file does not exist or cannot be read', category: 'input', httpStatus: 404 },
  SW_NO_PATH: { message: 'No path connects the two nodes', category: 'infeasible', httpStatus: 422 },
  SW_CONSTRAINT_INFEASIBLE: {
    message: 'The constraints exclude an endpoint or every path',
    category: 'infeasible',
    httpStatus: 422,
  },
  SW_INTERNAL: { message: 'Internal error', category: 'internal', httpStatus: 500 },
  SW_UNAUTHORIZED: { message: 'No valid API token was given', category: 'input', httpStatus: 401 },
  SW_FORBIDDEN: { message: "The token's role does not allow this in this workspace", category: 'input', httpStatus: 403 },
  SW_NOT_FOUND: { message: 'No such resource', category: 'input', httpStatus: 404 },
  SW_UNKNOWN_REVISION: { message: 'The resource has no such revision', category: 'input', httpStatus: 404 },
  SW_REVISION_CONFLICT: { message: 'The resource changed since the revision the request names', category: 'input', httpStatus: 409 },
  SW_ALREADY_EXISTS: { message: 'A resource with that name already exists', category: 'input', httpStatus: 409 },
  SW_JOB_FINISHED: { message: 'The job has already finished', category: 'input', httpStatus: 409 },
  SW_PAYLOAD_TOO_LARGE: { message: 'The request body is larger than the limit', category: 'input', httpStatus: 413 },
  SW_UNSUPPORTED_MEDIA_TYPE: { message: 'The request body has a content type this endpoint does not accept', category: 'input', httpStatus: 415 },
  SW_RATE_LIMITED: { message: 'Too many requests; retry after the time given', category: 'input', httpStatus: 429 },
  SW_SERVICE_UNAVAILABLE: { message: 'The service cannot answer now (database unavailable or shutting down)', category: 'internal', httpStatus: 503 },
  SW_PRECONDITION_REQUIRED: { message: 'A write must name the revision it changes (baseRevision or If-Match)', category: 'input', httpStatus: 428 },
  SW_BUDGET_EXCEEDED: { message: 'The question is larger than the service answers in one request (see docs/security.md, analysis budgets)', category: 'input', httpStatus: 422 },
  SW_DOCUMENT_TOO_DEEP: { message: 'The document nests deeper than the depth limit (docs/security.md)', category: 'input', httpStatus: 422 },
  SW_DOCUMENT_TOO_LARGE: { message: 'The document is larger than the size limit (docs/security.md)', category: 'input', httpStatus: 413 },
  SW_CROSS_SITE: { message: 'The request comes from another site or names another host', category: 'input', httpStatus: 403 },
  SW_HEADERS_TOO_LARGE: { message: 'The request headers are larger than the limit', category: 'input', httpStatus: 431 },
  SW_DESIGN_INFEASIBLE: { message: 'No capacity design carries every demand in every required state', category: 'infeasible', httpStatus: 422 },
  SW_CALIBRATION_UNDERDETERMINED: {
    message: 'Too few usable measurements, or measurements too alike, to fit the calibration model and cross-validate it',
    category: 'input',
    httpStatus: 422,
  },
} as const satisfies Record<string, ErrorCodeSpec>

export type ErrorCode = keyof typeof ERROR_CODES

/** One located problem in a user document: `path` is `links[3].b` style. */
export interface ValidationIssue {
  path: string
  code: string
  message: string
  severity: 'error' | 'warning'
  /** 1-based line in the source text, when the parser knows it. */
  line?: number
}

/** A typed error with a stable code. Domain code throws it; only applications turn it into exits or HTTP. */
export class SilkwayError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown>
  readonly issues: ValidationIssue[]

  constructor(code: ErrorCode, message?: string, details: Record<string, unknown> = {}, issues: ValidationIssue[] = []) {
    super(message ?? ERROR_CODES[code].message)
    this.name = 'SilkwayError'
    this.code = code
    this.details = details
    this.issues = issues
  }

  get category(): ErrorCategory {
    return ERROR_CODES[this.code].category
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus
  }
}

export function isSilkwayError(value: unknown): value is SilkwayError {
  return value instanceof SilkwayError
}
