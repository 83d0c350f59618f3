import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/**
 * The one error shape of the API: `{ error: { code, message, details } }`. Services throw
 * ApiError; the handler below turns it, framework errors and surprises into that shape.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'bad_request', message, details);
export const invalid = (message: string, details?: unknown) =>
  new ApiError(422, 'invalid_input', message, details);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found in this workspace.`);
export const unauthorized = (message = 'Log in or send an API key in the Authorization header (Bearer).') =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);

/** A Zod failure in the shape request validation uses: the first issue as the message, all in details. */
export function validationFailed(where: string, issues: readonly { path: PropertyKey[]; message: string }[]) {
  const list = issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = list[0];
  return new ApiError(400, 'validation_failed', first ? `${first.path}: ${first.message}` : `The ${where} is invalid.`, { issues: list });
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof ApiError) {
    return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'request';
    const issues = err.validation.map((v) => ({
      path: [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    const first = issues[0];
    const message = first ? `${first.path}: ${first.message}` : `The ${where} is invalid.`;
    return reply.status(400).send(errorBody('validation_failed', message, { issues }));
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply
        .status(413)
        .send(errorBody('payload_too_large', `The request body is larger than the limit of ${req.routeOptions.bodyLimit ?? 0} bytes.`));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply
        .status(415)
        .send(errorBody('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.status(400).send(errorBody('bad_request', 'The JSON body is empty.'));
  }
  if (err.statusCode === 400 && err instanceof SyntaxError) {
    return reply.status(400).send(errorBody('malformed_json', `The body is not valid JSON: ${err.message}`));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code = err.statusCode === 429 ? 'rate_limited' : 'bad_request';
    return reply.status(err.statusCode).send(errorBody(code, err.message));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('internal', 'Something went wrong on our side; the error was logged.'));
}
