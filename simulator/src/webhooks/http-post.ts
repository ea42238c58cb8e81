export interface PostResult {
  status?: number;
  error?: string;
  headers?: Headers;
}

/** One POST with a real-time timeout. Never throws: no answer becomes `{ error }`. */
export const post = async (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, headers: res.headers };
  } catch (err) {
    const name = (err as { name?: string }).name;
    return { error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
  }
};
