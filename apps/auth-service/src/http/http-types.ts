/** The parts of an Express response the controllers use (the app does not depend on @types/express). */
export interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): void;
  redirect(status: number, url: string): void;
}

/** True when the client asked for JSON (an SPA gateway) rather than a browser redirect. */
export const wantsJson = (accept: string | undefined): boolean =>
  typeof accept === 'string' && accept.includes('application/json');

/** A query parameter's single string value; repeated or nested parameters are treated as absent. */
export const single = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Headers that keep OAuth responses (URLs with a state, connection details) out of caches. */
export const noStore = (res: HttpResponse): void => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
};
