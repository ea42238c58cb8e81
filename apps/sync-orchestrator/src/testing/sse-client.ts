// Test-only: a Server-Sent Events reader over fetch (what EventSource does, with the frames kept for assertions).
export interface SseFrame {
  id: string | null;
  event: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  status: number;
  frames: SseFrame[];
  /** Resolves with the frames once `until` holds for them (rejects after `timeoutMs`). */
  waitFor(until: (frames: SseFrame[]) => boolean, timeoutMs?: number): Promise<SseFrame[]>;
  close(): void;
}

const parse = (block: string): SseFrame | null => {
  let id: string | null = null;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  return data.length === 0 ? null : { id, event, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
};

export const openSse = async (url: string, headers: Record<string, string> = {}): Promise<SseClient> => {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const f = parse(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            if (f) frames.push(f);
          }
          for (const w of waiters) w();
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: res.status,
    frames,
    waitFor: (until, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (until(frames)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(frames);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SSE: condition not met; got ${frames.map((f) => f.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
};
