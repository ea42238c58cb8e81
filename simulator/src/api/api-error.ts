import type { Handler, RequestContext } from '../server/context';
import { sendError } from '../server/context';
import { ErrorType } from '../wire';

/** A request the API refuses (400/404/409/412/422). Thrown inside handlers, answered by {@link handled}. */
export class ApiError extends Error {
  readonly code = 'SIM.API_ERROR';
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown): e is ApiError =>
  typeof e === 'object' && e !== null && (e as { code?: string }).code === 'SIM.API_ERROR';

export const badRequest = (message: string): ApiError => new ApiError(400, ErrorType.BadRequest, message);
export const invalidFields = (message: string): ApiError => new ApiError(400, ErrorType.InvalidFields, message);
export const notFound = (what: string): ApiError => new ApiError(404, ErrorType.NotFound, `${what} not found`);
export const unprocessable = (message: string): ApiError => new ApiError(422, ErrorType.Validation, message);

/** Wrap a handler so that an {@link ApiError} becomes Clio's error body. */
export const handled =
  (fn: (ctx: RequestContext) => Promise<void> | void): Handler =>
  async (ctx) => {
    try {
      await fn(ctx);
    } catch (err) {
      if (!isApiError(err)) throw err;
      sendError(ctx, err.status, err.type, err.message);
    }
  };
