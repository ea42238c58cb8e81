/** The parts of an Express response the error filter uses (the lib does not depend on @types/express). */
export interface HttpErrorResponse {
  status(code: number): HttpErrorResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): void;
}
