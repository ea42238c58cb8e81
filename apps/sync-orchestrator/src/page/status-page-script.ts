/**
 * The status page's script, plain browser JavaScript (no framework, no build step). The gateway opens the page with a
 * short-lived token in `?access_token=`; the script takes it out of the address bar, calls the JSON routes with it in
 * the Authorization header, and opens the live stream (EventSource cannot send headers) with it in the query. With a
 * token URL (the body's `data-token-url`), it fetches a fresh token a minute before the current one expires and
 * reopens the stream with it after the last event id, so the page stays live for as long as the gateway's session.
 */
export const STATUS_PAGE_SCRIPT = String.raw`
let token = new URLSearchParams(location.search).get('access_token') || '';
history.replaceState(null, '', location.pathname);
const tokenUrl = document.body.dataset.tokenUrl || '';
const claims = (t) => { try { return JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); } catch { return {}; } };
const REFRESH_BEFORE_MS = 60000; const RETRY_MS = 10000;
let refreshTimer = null;
const expiresIn = () => (claims(token).exp || 0) * 1000 - Date.now();
const scheduleRefresh = (inMs) => {
  clearTimeout(refreshTimer);
  if (tokenUrl) refreshTimer = setTimeout(refresh, Math.max(0, inMs));
};
const refresh = async () => {
  try {
    const r = await fetch(tokenUrl, { credentials: 'include', headers: { accept: 'application/json' } });
    const next = r.ok ? (await r.json()).access_token : null;
    if (typeof next !== 'string' || claims(next).firm_id !== claims(token).firm_id) throw new Error('no token');
    token = next;
    scheduleRefresh(expiresIn() - REFRESH_BEFORE_MS);
    connect();
  } catch {
    // Tried again while the current token lives; after that the stream's 'expired' event tells the user.
    if (expiresIn() > RETRY_MS) scheduleRefresh(RETRY_MS);
  }
};
const $ = (id) => document.getElementById(id);
const api = (method, path) => fetch(path, { method, headers: { authorization: 'Bearer ' + token } })
  .then(async (r) => ({ status: r.status, body: await r.json().catch(() => ({})) }));
let jobId = null; let lastId = null; let source = null;
const bars = {}; const started = {};
const words = (n) => n.replace(/_/g, ' ');
const eta = (type, fetched, total) => {
  const s = started[type];
  if (!s || total === null || total === undefined || fetched <= s.fetched) return '';
  const rate = (fetched - s.fetched) / ((Date.now() - s.at) / 1000);
  const left = Math.max(0, total - fetched) / rate;
  return left < 1 ? '' : ' · about ' + (left < 90 ? Math.round(left) + ' s' : Math.round(left / 60) + ' min') + ' left';
};
const bar = (type, fetched, total) => {
  let row = bars[type];
  if (!row) {
    row = document.createElement('div'); row.className = 'row'; row.dataset.type = type;
    row.innerHTML = '<span class="name"></span><progress max="1" value="0"></progress><span class="count"></span>' +
      '<button class="prioritise" type="button">Fetch next</button>';
    row.querySelector('.name').textContent = words(type);
    row.querySelector('button').onclick = () => prioritise(type);
    $('types').appendChild(row); bars[type] = row;
  }
  if (!started[type]) started[type] = { at: Date.now(), fetched };
  const p = row.querySelector('progress');
  p.max = total || Math.max(fetched, 1); p.value = fetched;
  row.querySelector('.count').textContent = fetched + (total !== null && total !== undefined ? ' of ' + total : '') + eta(type, fetched, total);
};
const say = (text) => { $('message').textContent = text; };
const setState = (s) => { $('connection').textContent = s; $('connection').dataset.state = s; };
const available = new Set();
const features = (list) => { for (const f of list) available.add(f); $('features').textContent = available.size ? [...available].map(words).join(', ') : 'none yet'; };
const snapshot = (s) => {
  jobId = s.activeJob ? s.activeJob.jobId : null;
  $('job').textContent = s.activeJob ? s.activeJob.state : s.lastJob ? 'last sync ' + s.lastJob.state : 'no sync yet';
  features(s.availableFeatures || []);
  $('sync-answer').textContent = s.canSyncNow ? '' : s.message;
  for (const e of s.entityTypes || []) bar(e.entityType, e.fetched ?? e.mirrored ?? 0, e.total ?? null);
};
const on = {
  SyncRequested: (m) => { jobId = m.jobId; $('job').textContent = 'requested'; },
  SyncJobStarted: (m) => { jobId = m.jobId; $('job').textContent = 'running'; for (const t of m.entityTypes) bar(t, 0, m.estimates ? m.estimates[t] ?? null : null); },
  SyncProgressed: (m) => { if (!m.window) bar(m.entityType, m.fetched, m.total); },
  SyncPhaseCompleted: (m) => { features(m.features); say('Ready to use: ' + m.features.map(words).join(', ')); },
  SyncEntityTypePrioritised: (m) => say(words(m.entityType) + ' will be fetched next'),
  SyncJobBlocked: (m) => say(m.reason),
  SyncJobPaused: (m) => { $('job').textContent = 'paused'; say(m.reason); },
  SyncJobResumed: () => { $('job').textContent = 'running'; },
  SyncJobStalled: (m) => say(m.reason),
  SyncEntityForbidden: (m) => say(words(m.entityType) + ': ' + m.reason),
  SyncJobCompleted: () => { $('job').textContent = 'completed'; jobId = null; say('Sync completed'); },
  SyncJobFailed: (m) => { $('job').textContent = 'failed'; jobId = null; say(m.reason); },
  SyncJobCancelled: (m) => { $('job').textContent = 'cancelled'; jobId = null; say(m.reason); },
};
const connect = () => {
  if (source) source.close();
  setState('connecting');
  const q = '?access_token=' + encodeURIComponent(token) + (lastId ? '&lastEventId=' + lastId : '');
  source = new EventSource('sync-status/events' + q);
  source.onopen = () => setState('connected');
  source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting');
  source.addEventListener('snapshot', (e) => { lastId = e.lastEventId; snapshot(JSON.parse(e.data)); });
  source.addEventListener('expired', () => { source.close(); setState('disconnected'); say('Your session expired: reload the page from Smarter Firms'); });
  for (const type of Object.keys(on)) source.addEventListener(type, (e) => { lastId = e.lastEventId; on[type](JSON.parse(e.data)); });
};
const prioritise = async (type) => {
  if (!jobId) { say('No sync is running'); return; }
  const r = await api('POST', 'sync-jobs/' + jobId + '/prioritise/' + type);
  say(r.body.message || 'Could not prioritise');
};
$('reconnect').onclick = connect;
$('sync-now').onclick = async () => {
  const r = await api('POST', 'firms/' + claims(token).firm_id + '/sync');
  $('sync-answer').textContent = r.body.message || (r.status === 202 || r.status === 200 ? 'Sync started' : 'Could not start a sync');
};
connect();
scheduleRefresh(expiresIn() - REFRESH_BEFORE_MS);
`;
