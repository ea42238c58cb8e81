import type { FolderNode, GatewayClient } from '@sf/gateway-client';

export interface FolderRun {
  matterId: string;
  folderId: string;
  jobId: string;
  status: string;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  seconds: number;
}

interface ProcessingJobBody {
  status: string;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
}

const TERMINAL = new Set(['completed', 'cancelled', 'failed']);

/** Every folder of a tree, depth first. */
const flatten = (nodes: readonly FolderNode[]): FolderNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/**
 * The folder holding the most documents among the first matters' folders, found as a gateway client would: the
 * matters list, each matter's folder tree, each folder's documents (typed client of the read API).
 */
const pickFolder = async (
  client: GatewayClient,
): Promise<{ matterId: string; folderId: string; documents: number } | null> => {
  const matters = (await client.GET('/matters', { params: { query: { limit: '25' } } })).data?.items ?? [];
  let best: { matterId: string; folderId: string; documents: number } | null = null;
  for (const m of matters) {
    const tree = await client.GET('/matters/{id}/folders', { params: { path: { id: m.id } } });
    for (const f of flatten(tree.data?.folders ?? [])) {
      const docs = await client.GET('/folders/{id}/documents', {
        params: { path: { id: f.id }, query: { limit: '200' } },
      });
      const n = docs.data?.items.length ?? 0;
      if (n > (best?.documents ?? 0)) best = { matterId: m.id, folderId: f.id, documents: n };
    }
  }
  return best;
};

/**
 * Processes one folder through the gateway API (`POST /jobs`, then `GET /jobs/{id}` until it ends), as a gateway
 * client would: the document processor downloads each document of the frozen snapshot and records its SHA-256.
 */
export const processOneFolder = async (
  client: GatewayClient,
  orchUrl: string,
  jwt: string,
  timeoutMs = 120_000,
): Promise<FolderRun | null> => {
  const picked = await pickFolder(client);
  if (picked === null) return null;
  const folder = { matterId: picked.matterId, folderId: picked.folderId };
  const started = Date.now();
  const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' };
  const res = await fetch(`${orchUrl}/jobs`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ matterId: folder.matterId, folderId: folder.folderId, includeSubfolders: true }),
  });
  if (res.status !== 201) throw new Error(`POST /jobs answered HTTP ${res.status}`);
  const { jobId } = (await res.json()) as { jobId: string };
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const view = await fetch(`${orchUrl}/jobs/${jobId}`, { headers });
    if (view.ok) {
      const body = (await view.json()) as ProcessingJobBody;
      if (TERMINAL.has(body.status)) return { ...folder, jobId, ...body, seconds: (Date.now() - started) / 1000 };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `processing job ${jobId} did not finish within ${timeoutMs / 1000} s (see the document-processor log)`,
  );
};
