import { STATUS_PAGE_SCRIPT } from './status-page-script';

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const STYLE = `
body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; color: #222; }
header { display: flex; gap: 1rem; align-items: center; }
#connection { padding: .1rem .5rem; border-radius: .3rem; background: #eee; }
#connection[data-state=connected] { background: #d6f5d6; }
#connection[data-state=disconnected] { background: #f8d7d7; }
.row { display: grid; grid-template-columns: 9rem 1fr 14rem 6rem; gap: .6rem; align-items: center; margin: .3rem 0; }
progress { width: 100%; }
#message { min-height: 1.4em; color: #7a4b00; }
`;

/**
 * The firm's status page: connection state and a reconnect button, one progress bar per entity type with counts and
 * an ETA, the features available, messages in user-facing words, "Sync now" with the policy's answer, and "Fetch
 * next" per entity type (prioritise). Static HTML; the data comes from the JSON routes and the live stream.
 * `tokenUrl`: where the script gets a fresh token before its own expires (null: no refresh).
 */
export const statusPageHtml = (o: { tokenUrl: string | null }): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clio sync status</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body data-token-url="${escapeAttribute(o.tokenUrl ?? '')}">
<header><h1>Clio sync</h1><span id="connection">connecting</span><button id="reconnect" type="button">Reconnect</button></header>
<p>Sync: <strong id="job">…</strong></p>
<p><button id="sync-now" type="button">Sync now</button> <span id="sync-answer"></span></p>
<p id="message" role="status"></p>
<section id="types" aria-label="Progress by kind of record"></section>
<p>Available now: <span id="features">…</span></p>
<script>${STATUS_PAGE_SCRIPT}</script>
</body></html>
`;
