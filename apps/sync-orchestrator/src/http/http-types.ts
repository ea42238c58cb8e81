/** The parts of an Express response the controllers use (the app does not depend on @types/express). */
export interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): void;
}
