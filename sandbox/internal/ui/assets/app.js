// The sandbox dashboard. Plain JavaScript, no dependencies: it reads the
// control endpoints (with the admin token when the sandbox has one) and
// calls the vendor APIs with a token from an account's or partner's client.
import { renderReference } from './reference.js';

const TOKEN_KEY = 'sandbox-admin-token';
const $ = (id) => document.getElementById(id);
const st = {
  summary: null, summaryKey: '', selected: null, kind: null, q: '', expanded: new Set(), shown: new Set(),
  journal: [], last: 0, paused: false, clock: null, apiTokens: new Map(), refDoc: null,
};

// ---- small helpers -------------------------------------------------------

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat()) if (k !== undefined && k !== null) e.append(k);
  return e;
}

function say(msg, error = false) {
  const s = $('status');
  s.textContent = msg;
  s.classList.toggle('error', error);
}

// keepFocus re-renders inside container and puts the focus back on the
// element with the same data-key, so a refresh never throws a keyboard user
// back to the top.
function keepFocus(container, render) {
  const a = document.activeElement;
  const key = a && container.contains(a) ? a.dataset.key : undefined;
  render();
  if (key) container.querySelector(`[data-key="${CSS.escape(key)}"]`)?.focus();
}

function fmtTime(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

// ---- the admin token and the control endpoints ---------------------------

let asking = null;
function askToken(refused) {
  if (asking) return asking;
  asking = new Promise((resolve) => {
    const d = $('admin-dialog');
    const form = $('admin-form');
    $('admin-error').textContent = refused ? 'The sandbox refused that token. Try again.' : '';
    $('admin-token').value = '';
    const done = (ev) => {
      ev.preventDefault();
      const v = $('admin-token').value.trim();
      if (!v) return;
      sessionStorage.setItem(TOKEN_KEY, v);
      form.removeEventListener('submit', done);
      d.close();
      asking = null;
      resolve();
    };
    form.addEventListener('submit', done);
    d.showModal();
    $('admin-token').focus();
  });
  return asking;
}
$('admin-dialog').addEventListener('cancel', (e) => e.preventDefault()); // nothing works without it

// control calls a /_sandbox endpoint with the admin token; a 401 asks for
// the token (once for all callers) and tries again.
async function control(path, opts = {}) {
  for (;;) {
    const tok = sessionStorage.getItem(TOKEN_KEY);
    const headers = new Headers(opts.headers || {});
    if (tok) headers.set('Authorization', 'Bearer ' + tok);
    const res = await fetch(path, { ...opts, headers });
    if (res.status !== 401) return res;
    await askToken(!!tok);
  }
}

async function controlJSON(path, opts) {
  const res = await control(path, opts);
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  if (!res.ok) throw new Error(body?.error?.message || `${res.status} ${res.statusText}`);
  return body;
}

function sendJSON(method, path, body) {
  return controlJSON(path, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

// act runs a control action, says how it went, and refreshes what it changed.
async function act(label, fn) {
  try {
    const msg = await fn();
    say(msg || label);
    await refreshAll();
  } catch (e) {
    say(`${label} failed: ${e.message}`, true);
  }
}

// ---- views -------------------------------------------------------------------

function showView(name, moveFocus) {
  let found = false;
  for (const s of document.querySelectorAll('main > section[data-view]')) {
    s.hidden = s.dataset.view !== name;
    found ||= !s.hidden;
  }
  if (!found) return showView('state', moveFocus);
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (name === 'reference') loadReference();
  if (name === 'controls') loadFaults();
  if (moveFocus) {
    const h = document.querySelector(`#view-${name} h2`);
    h.tabIndex = -1;
    h.focus();
  }
}
window.addEventListener('hashchange', () => showView(location.hash.slice(1), true));

// ---- clock ---------------------------------------------------------------------

function setClock(c) {
  st.clock = { now: Date.parse(c.now), frozen: c.frozen, at: Date.now() };
  tick();
}
function tick() {
  if (!st.clock) return;
  const now = st.clock.frozen ? st.clock.now : st.clock.now + (Date.now() - st.clock.at);
  const mode = st.clock.frozen ? 'frozen' : 'real time';
  $('clock-now').textContent = $('clock-now2').textContent = fmtTime(now);
  $('clock-now').setAttribute('datetime', new Date(now).toISOString());
  $('clock-mode').textContent = st.clock.frozen ? 'Clock (frozen)' : 'Clock';
  $('clock-mode2').textContent = mode;
}
setInterval(tick, 1000);

// parseDuration reads "90", "90s", "15m", "2h", "1d", "1h30m" as seconds.
function parseDuration(s) {
  s = s.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (!/^(\s*\d+(\.\d+)?\s*[dhms])+\s*$/.test(s)) return NaN;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)\s*([dhms])/g)) total += Number(m[1]) * { d: 86400, h: 3600, m: 60, s: 1 }[m[2]];
  return total;
}

$('freeze-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  let v = $('freeze-at').value;
  if (/T\d\d:\d\d$/.test(v)) v += ':00';
  act('Clock frozen', async () => {
    const c = await sendJSON('PUT', '/_sandbox/clock', { now: v + 'Z' });
    return `Clock frozen at ${fmtTime(Date.parse(c.now))}`;
  });
});
$('advance-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const secs = parseDuration($('advance-by').value);
  if (!Number.isFinite(secs)) {
    say('Advance by: give seconds, or a number with s, m, h or d (for example 1h30m).', true);
    $('advance-by').focus();
    return;
  }
  act('Clock advanced', async () => {
    const c = await sendJSON('POST', '/_sandbox/clock/advance', { seconds: secs });
    return `Clock advanced by ${secs} s to ${fmtTime(Date.parse(c.now))}`;
  });
});
$('clock-real').addEventListener('click', () => act('Clock back to real time', () => sendJSON('DELETE', '/_sandbox/clock')));
$('tokens-expire').addEventListener('click', () => act('Every access token issued so far has expired', async () => {
  await sendJSON('POST', '/_sandbox/tokens/expire');
  st.apiTokens.clear();
}));

// ---- accounts, partners and their records ------------------------------------------

const KIND_LABELS = {
  customers: 'Customers', tokens: 'Tokens', token_events: 'Token events', tags: 'Tags', terms: 'Terms', settings: 'Settings',
  natural_persons: 'Natural persons', legal_entities: 'Legal entities', joint_persons: 'Joint persons', onboardings: 'Onboardings',
};

async function loadSummary() {
  const s = await controlJSON('/_sandbox/ui/api/summary');
  setClock(s.clock);
  const key = JSON.stringify([s.dintero, s.tradevest, s.clock.frozen ? s.clock.now : '']);
  const changed = key !== st.summaryKey;
  st.summary = s;
  st.summaryKey = key;
  if (!st.selected || !tenantOf(st.selected.api, st.selected.id)) {
    const d = s.dintero.find((t) => t.id === 'T12345678') || s.dintero[0];
    const t = s.tradevest[0];
    st.selected = d ? { api: 'dintero', id: d.id } : t ? { api: 'tradevest', id: t.id } : null;
    st.kind = null;
  }
  if (changed) {
    renderTenants();
    fillConsoleTenants();
  }
  return changed;
}

function tenantOf(api, id) {
  return st.summary?.[api].find((t) => t.id === id);
}

function renderTenants() {
  for (const [api, list] of [['dintero', $('accounts')], ['tradevest', $('partners')]]) {
    keepFocus(list, () => {
      list.replaceChildren(...st.summary[api].map((t) => tenantItem(api, t)));
      if (!st.summary[api].length) list.append(el('li', { class: 'muted', text: 'none loaded' }));
    });
  }
}

function tenantItem(api, t) {
  const selected = st.selected?.api === api && st.selected.id === t.id;
  const what = api === 'dintero' ? 'account' : 'partner';
  const counts = Object.entries(t.counts).filter(([k]) => k !== 'settings')
    .map(([k, n]) => `${KIND_LABELS[k] || k}: ${n}`).join(' · ');
  const clients = t.clients.map((c) => {
    const key = `${api}/${t.id}/${c.client_id}`;
    const shown = st.shown.has(key);
    return el('li', {},
      el('span', { class: 'mono' }, c.client_id), ': ',
      el('span', { class: 'mono', 'data-secret': key }, shown ? c.client_secret : '••••••••'), ' ',
      el('button', {
        type: 'button', class: 'link', 'aria-pressed': String(shown), 'data-key': 'secret:' + key,
        'aria-label': `Show the secret of ${c.client_id}`,
        onclick: () => { st.shown.has(key) ? st.shown.delete(key) : st.shown.add(key); renderTenants(); },
      }, shown ? 'hide' : 'show'));
  });
  return el('li', { class: 'tenant' + (selected ? ' selected' : '') },
    el('div', { class: 'head' },
      el('button', {
        type: 'button', 'aria-pressed': String(selected), 'data-key': `select:${api}/${t.id}`,
        'aria-label': `Show the records of ${what} ${t.id}`,
        onclick: () => { st.selected = { api, id: t.id }; st.kind = null; st.q = ''; $('search').value = ''; renderTenants(); loadRecords(); },
      }, t.id),
      el('button', {
        type: 'button', class: 'secondary', 'data-key': `reset:${api}/${t.id}`, 'aria-label': `Reset ${what} ${t.id} to its fixtures`,
        onclick: () => act(`${what} ${t.id} reset`, () => sendJSON('POST', `/_sandbox/reset?${what}=${encodeURIComponent(t.id)}`)),
      }, 'Reset')),
    el('p', { class: 'counts' }, counts || 'no records'),
    el('ul', { 'aria-label': `Clients of ${t.id}` }, clients.length ? clients : el('li', { class: 'muted', text: 'no clients' })));
}

// columns per kind: [heading, value of the record's JSON (and about)].
const latestExpiry = (j) => [...(j.events || [])].reverse().find((e) => e.status && e.expires_at)?.expires_at;
const COLUMNS = {
  'dintero/customers': [['customer_id', (j) => j.customer_id], ['Name', (j) => [j.first_name, j.last_name].filter(Boolean).join(' ')],
    ['Email', (j) => j.email], ['Phone', (j) => j.phone_number], ['Status', (j) => j.status], ['Created', (j) => j.created_at], ['Deleted', (j) => j.deleted_at]],
  'dintero/tokens': [['token_id', (j) => j.token_id], ['Type', (j) => j.type], ['Value', (j) => j.value], ['Customer', (j, a) => a?.customer_id],
    ['Created', (j) => j.created_at], ['Deleted', (j) => j.deleted_at]],
  'dintero/token_events': [['Token', (j, a) => a ? `${a.type} ${a.value}` : ''], ['Status', (j) => j.status], ['Expires', latestExpiry],
    ['Events', (j) => String(j.events?.length ?? 0)], ['Updated', (j) => j.updated_at]],
  'dintero/tags': [['Tag', (j) => j.tag], ['id', (j) => j.id], ['Created', (j) => j.created_at]],
  'dintero/terms': [['id', (j) => j.id], ['Terms', (j) => j.terms], ['Created', (j) => j.created_at]],
  'dintero/settings': [['Settings', () => 'the account settings, defaults included']],
  'tradevest/natural_persons': [['naturalPersonId', (j) => j.naturalPersonId], ['Name', (j) => [j.firstName, j.lastName].filter(Boolean).join(' ')],
    ['Status', (j) => j.naturalPersonStatus], ['externalId', (j) => j.externalId], ['Created', (j) => j.createdOn]],
  'tradevest/legal_entities': [['legalEntityId', (j) => j.legalEntityId], ['Legal name', (j) => j.legalName], ['Status', (j) => j.legalEntityStatus], ['Created', (j) => j.createdOn]],
  'tradevest/joint_persons': [['jointPersonId', (j) => j.jointPersonId], ['Persons', (j) => [j.firstNaturalPersonId, j.secondNaturalPersonId].join(' + ')],
    ['Status', (j) => j.jointPersonStatus], ['Created', (j) => j.createdOn]],
  'tradevest/customers': [['customerId', (j) => j.customerId], ['Type', (j) => j.customerType], ['Status', (j) => j.customerStatus],
    ['Labels', (j) => (j.labels || []).join(', ')], ['Created', (j) => j.createdOn]],
  'tradevest/onboardings': [['onboardingId', (j) => j.onboardingId], ['Role', (j) => `${j.roleType} ${j.roleId}`], ['Status', (j) => j.status], ['Modified', (j) => j.modifiedOn]],
};

function recordKey(j) {
  if (j.id) return j.id;
  const k = Object.keys(j).find((k) => /Id$/.test(k) && typeof j[k] === 'string');
  return k ? j[k] : JSON.stringify(j).slice(0, 80);
}

let recordsSeq = 0;
async function loadRecords() {
  if (!st.selected) { $('records').hidden = true; return; }
  const { api, id } = st.selected;
  const kinds = st.summary.kinds[api];
  st.kind ||= kinds[0];
  $('records').hidden = false;
  $('records-h').textContent = `Records of ${api === 'dintero' ? 'Dintero account' : 'Tradevest partner'} ${id}`;
  renderKinds(api, kinds);
  const seq = ++recordsSeq;
  try {
    const res = await controlJSON(`/_sandbox/ui/api/${api}/${encodeURIComponent(id)}?kind=${st.kind}&q=${encodeURIComponent(st.q)}`);
    if (seq !== recordsSeq) return; // a newer load won
    renderRecords(api, res);
  } catch (e) {
    say(`Loading the records failed: ${e.message}`, true);
  }
}

function renderKinds(api, kinds) {
  const box = $('kinds');
  const counts = tenantOf(api, st.selected.id)?.counts || {};
  keepFocus(box, () => box.replaceChildren(...kinds.map((k) => el('button', {
    type: 'button', role: 'tab', id: `tab-${k}`, 'aria-selected': String(k === st.kind), tabindex: k === st.kind ? '0' : '-1',
    'aria-controls': 'records-table', 'data-key': 'kind:' + k, 'data-kind': k,
    onclick: () => { st.kind = k; loadRecords(); },
  }, `${KIND_LABELS[k] || k}${k !== 'settings' && counts[k] !== undefined ? ` (${counts[k]})` : ''}`))));
  $('records-table').setAttribute('aria-labelledby', `tab-${st.kind}`);
}
$('kinds').addEventListener('keydown', (ev) => {
  const tabs = [...$('kinds').querySelectorAll('[role=tab]')];
  const i = tabs.indexOf(document.activeElement);
  if (i < 0) return;
  const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
  if (j === undefined) return;
  ev.preventDefault();
  const t = tabs[(j + tabs.length) % tabs.length];
  t.focus();
  t.click();
});

function renderRecords(api, res) {
  const cols = COLUMNS[`${api}/${res.kind}`] || [['id', (j) => recordKey(j)]];
  const box = $('records-table');
  const shown = res.items.length;
  $('records-info').textContent = res.kind === 'settings' ? '' :
    `${shown} of ${res.matched} shown${st.q ? ` matching “${st.q}”` : ''} (${res.total} in all, newest first)`;
  keepFocus(box, () => {
    const rows = [];
    res.items.forEach((it, n) => {
      const key = `${api}/${st.selected.id}/${res.kind}/${recordKey(it.json)}`;
      const open = res.kind === 'settings' || st.expanded.has(key);
      const rid = `rec-${n}`;
      rows.push(el('tr', {},
        el('td', {}, el('button', {
          type: 'button', class: 'secondary', 'aria-expanded': String(open), 'aria-controls': rid, 'data-key': 'json:' + key,
          'aria-label': `JSON of ${recordKey(it.json)}`,
          onclick: (ev) => {
            const b = ev.currentTarget;
            const now = b.getAttribute('aria-expanded') !== 'true';
            now ? st.expanded.add(key) : st.expanded.delete(key);
            b.setAttribute('aria-expanded', String(now));
            $(rid).hidden = !now;
          },
        }, 'JSON')),
        cols.map(([h, f]) => {
          const v = f(it.json, it.about) ?? '';
          return h === 'Status' ? el('td', {}, v ? el('span', { class: 'pill' }, v) : '') : el('td', { class: 'mono' }, String(v));
        })));
      rows.push(el('tr', { id: rid, hidden: !open }, el('td', { colspan: String(cols.length + 1) },
        el('pre', { class: 'json', tabindex: '0', 'aria-label': `JSON of ${recordKey(it.json)}` }, JSON.stringify(it.json, null, 2)))));
    });
    box.replaceChildren(shown ? el('table', { class: 'data' },
      el('caption', { class: 'visually-hidden' }, `${KIND_LABELS[res.kind] || res.kind} of ${st.selected.id}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'JSON')),
        cols.map(([h]) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)) : el('p', { class: 'muted' }, st.q ? 'Nothing matches.' : 'None.'));
  });
}

$('search-form').addEventListener('submit', (ev) => { ev.preventDefault(); st.q = $('search').value.trim(); loadRecords(); });
$('search').addEventListener('input', () => {
  clearTimeout(st.searchTimer);
  st.searchTimer = setTimeout(() => { st.q = $('search').value.trim(); loadRecords(); }, 250);
});
$('refresh').addEventListener('click', () => refreshAll().then(() => say('Refreshed')));

async function refreshAll() {
  try {
    await loadSummary();
    await loadRecords();
    if (!$('view-controls').hidden) await loadFaults();
  } catch (e) {
    say(`Refreshing failed: ${e.message}`, true);
  }
}

// ---- journal -----------------------------------------------------------------------

const MAX_JOURNAL = 1000;
function journalMatches(e) {
  const m = $('jf-method').value, s = $('jf-status').value, t = $('jf-text').value.trim().toLowerCase();
  if (m && e.method !== m) return false;
  if (s && String(e.status)[0] !== s) return false;
  if (t && ![e.path, e.query, e.account, e.partner].some((v) => v && v.toLowerCase().includes(t))) return false;
  return true;
}

function journalRow(e, fresh) {
  const path = e.query ? `${e.path}?${e.query}` : e.path;
  return el('tr', { class: fresh ? 'new' : undefined, 'data-seq': String(e.seq) },
    el('td', { class: 'mono' }, el('time', { datetime: e.time }, e.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''))),
    el('td', { class: 'mono' }, e.method),
    el('td', { class: 'mono path' }, path + (e.truncated ? ' …' : '')),
    el('td', { class: `mono s${String(e.status)[0]}` }, String(e.status)),
    el('td', { class: 'mono' }, `${e.duration_ms} ms`),
    el('td', { class: 'mono' }, e.account || (e.partner ? `partner ${e.partner}` : '')));
}

function renderJournal(fresh = []) {
  const rows = $('journal-rows');
  const seqs = new Set(fresh.map((e) => e.seq));
  const list = st.journal.filter(journalMatches).reverse().slice(0, 300);
  rows.replaceChildren(...list.map((e) => journalRow(e, seqs.has(e.seq))));
  if (!list.length) rows.append(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, st.journal.length ? 'No request matches the filter.' : 'No requests yet.')));
  $('journal-count').textContent = st.journal.length ? `(${st.journal.length})` : '';
}

function announce(fresh) {
  const live = $('journal-live');
  const show = fresh.filter(journalMatches);
  if (!show.length) return;
  const last = show.slice(-3).map((e) => `${e.method} ${e.path} ${e.status}`).join('; ');
  live.append(el('p', {}, show.length > 3 ? `${show.length} new requests, latest: ${last}` : `New request: ${last}`));
  while (live.childElementCount > 10) live.firstElementChild.remove();
}

async function pollJournal() {
  try {
    if (!st.paused) {
      const r = await controlJSON(`/_sandbox/ui/api/requests?after=${st.last}`);
      if (r.last < st.last) st.journal = []; // the sandbox restarted
      st.last = r.last;
      if (r.entries.length) {
        st.journal.push(...r.entries);
        if (st.journal.length > MAX_JOURNAL) st.journal.splice(0, st.journal.length - MAX_JOURNAL);
        renderJournal(r.entries);
        announce(r.entries);
        // a write may have changed what the State view shows
        if (r.entries.some((e) => !['GET', 'HEAD', 'OPTIONS'].includes(e.method))) scheduleRefresh();
      }
    }
  } catch (e) {
    say(`Reading the journal failed: ${e.message}`, true);
  }
  setTimeout(pollJournal, document.hidden ? 3000 : 1000);
}

function scheduleRefresh() {
  clearTimeout(st.refreshTimer);
  st.refreshTimer = setTimeout(refreshAll, 300);
}

for (const id of ['jf-method', 'jf-status', 'jf-text']) $(id).addEventListener('input', () => renderJournal());
$('journal-filter').addEventListener('submit', (ev) => ev.preventDefault());
$('journal-pause').addEventListener('click', (ev) => {
  st.paused = !st.paused;
  ev.currentTarget.setAttribute('aria-pressed', String(st.paused));
  ev.currentTarget.textContent = st.paused ? 'Resume' : 'Pause';
  say(st.paused ? 'Journal paused' : 'Journal live again');
});
$('journal-clear').addEventListener('click', async () => {
  try {
    await control('/_sandbox/requests', { method: 'DELETE' });
    st.journal = [];
    renderJournal();
    say('Journal cleared');
  } catch (e) {
    say(`Clearing the journal failed: ${e.message}`, true);
  }
});

// ---- faults ------------------------------------------------------------------------

async function loadFaults() {
  try {
    const rules = await controlJSON('/_sandbox/faults');
    const rows = $('fault-rows');
    keepFocus(rows, () => {
      rows.replaceChildren(...rules.map((f) => el('tr', {},
        el('td', { class: 'mono' }, f.method || '*'), el('td', { class: 'mono path' }, f.path),
        el('td', { class: 'mono' }, f.status ? String(f.status) : ''), el('td', { class: 'mono' }, f.latency_ms ? `${f.latency_ms} ms` : ''),
        el('td', { class: 'mono' }, f.times === undefined ? 'every request' : String(f.times)),
        el('td', {}, el('button', {
          type: 'button', class: 'secondary', 'data-key': 'fault:' + f.id, 'aria-label': `Remove the fault on ${f.method || '*'} ${f.path}`,
          onclick: () => act('Fault removed', () => control(`/_sandbox/faults/${encodeURIComponent(f.id)}`, { method: 'DELETE' }).then(() => undefined)),
        }, 'Remove')))));
      if (!rules.length) rows.append(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No fault rules.')));
    });
  } catch (e) {
    say(`Loading the fault rules failed: ${e.message}`, true);
  }
}

$('fault-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const rule = { method: $('fault-method').value.trim() || '*', path: $('fault-path').value.trim() };
  const status = Number($('fault-status').value), latency = Number($('fault-latency').value), times = $('fault-times').value;
  if (status) rule.status = status;
  if (latency) rule.latency_ms = latency;
  if (times) rule.times = Number(times);
  const body = $('fault-body').value.trim();
  if (body) {
    try { rule.body = JSON.parse(body); } catch (e) { say(`The fault body is not JSON: ${e.message}`, true); $('fault-body').focus(); return; }
  }
  act('Fault added', async () => {
    await sendJSON('POST', '/_sandbox/faults', rule);
    return `Fault added: ${rule.method} ${rule.path} answers ${rule.status || 'late'}`;
  });
});
$('faults-clear').addEventListener('click', () => act('Every fault rule removed', () => control('/_sandbox/faults', { method: 'DELETE' }).then(() => undefined)));

// ---- reset, state, fixtures -----------------------------------------------------------

$('reset-all').addEventListener('click', () => act('Everything reset to the fixtures', () => sendJSON('POST', '/_sandbox/reset')));
$('state-download').addEventListener('click', async () => {
  try {
    const res = await control('/_sandbox/state');
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    const url = URL.createObjectURL(await res.blob());
    const a = $('state-link');
    a.href = url;
    a.download = 'sandbox-state.yaml';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say('State downloaded as sandbox-state.yaml');
  } catch (e) {
    say(`Downloading the state failed: ${e.message}`, true);
  }
});
$('fixture-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const file = $('fixture-file').files[0];
  const text = file ? await file.text() : $('fixture-text').value;
  if (!text.trim()) { say('Choose a fixture file or paste YAML first.', true); return; }
  act('Fixture loaded', () => controlJSON('/_sandbox/fixtures', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text }).then(() => undefined));
});

// ---- the request console ----------------------------------------------------------------

function fillConsoleTenants() {
  const sel = $('c-tenant');
  const keep = sel.value;
  sel.replaceChildren(
    el('optgroup', { label: 'Dintero accounts' }, st.summary.dintero.map((t) => el('option', { value: `dintero:${t.id}` }, `Dintero ${t.id}`))),
    el('optgroup', { label: 'Tradevest partners' }, st.summary.tradevest.map((t) => el('option', { value: `tradevest:${t.id}` }, `Tradevest ${t.id}`))));
  if (keep) sel.value = keep;
}
$('c-tenant').addEventListener('change', () => {
  const [api, id] = $('c-tenant').value.split(':');
  const p = $('c-path');
  if (api === 'dintero') p.value = p.value.replace(/^\/v1\/accounts\/[^/]+/, `/v1/accounts/${id}`);
});

// pickClient is the client the page calls with: sandbox-client when the
// tenant has it, else the one with the most scopes.
function pickClient(t) {
  const cs = [...t.clients];
  return cs.find((c) => c.client_id === 'sandbox-client') || cs.sort((a, b) => (b.scopes?.length || 0) - (a.scopes?.length || 0))[0];
}

async function apiToken(api, id) {
  const k = `${api}:${id}`;
  if (st.apiTokens.has(k)) return st.apiTokens.get(k);
  const t = tenantOf(api, id);
  const c = t && pickClient(t);
  if (!c) throw new Error(`${id} has no client to get a token with`);
  let res;
  if (api === 'dintero') {
    res = await fetch(`/v1/accounts/${encodeURIComponent(id)}/auth/token`, {
      method: 'POST',
      headers: { Authorization: 'Basic ' + btoa(`${c.client_id}:${c.client_secret}`), 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', audience: `${location.origin}/v1/accounts/${id}` }),
    });
  } else {
    res = await fetch('/oauth2/token', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.client_id, client_secret: c.client_secret }),
    });
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.access_token) throw new Error(`getting a token with ${c.client_id} answered ${res.status}`);
  st.apiTokens.set(k, body.access_token);
  return body.access_token;
}

$('console-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const [api, id] = $('c-tenant').value.split(':');
  const method = $('c-method').value, path = $('c-path').value.trim(), body = $('c-body').value.trim();
  $('c-status').textContent = 'Sending…';
  $('c-response').textContent = '';
  try {
    const headers = new Headers({ Authorization: 'Bearer ' + await apiToken(api, id) });
    for (const line of $('c-headers').value.split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
    }
    if (body && !['GET', 'HEAD'].includes(method)) headers.set('Content-Type', 'application/json');
    const t0 = performance.now();
    const res = await fetch(path, { method, headers, body: body && !['GET', 'HEAD'].includes(method) ? body : undefined });
    const text = await res.text();
    const ms = Math.round(performance.now() - t0);
    if (res.status === 401) st.apiTokens.delete(`${api}:${id}`); // the next send gets a fresh token
    $('c-status').textContent = `${res.status} ${res.statusText} · ${ms} ms`;
    $('c-status').className = res.ok ? 'ok' : 'error';
    let pretty = text;
    try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON */ }
    $('c-response').textContent = pretty || '(empty body)';
  } catch (e) {
    $('c-status').textContent = `Failed: ${e.message}`;
    $('c-status').className = 'error';
  }
});

// ---- the API reference ----------------------------------------------------------------

async function loadReference() {
  const doc = $('ref-doc').value;
  if (st.refDoc === doc) return;
  st.refDoc = doc;
  const box = $('ref-body');
  box.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const res = await control(`/_sandbox/openapi/${doc}.json`);
    if (!res.ok) {
      box.replaceChildren(el('p', { id: 'ref-unavailable' }, `The API reference is not available: this sandbox answers ${res.status} for /_sandbox/openapi/${doc}.json.`));
      return;
    }
    renderReference(box, await res.json(), { onTry: tryOperation, filter: $('ref-filter').value });
  } catch (e) {
    box.replaceChildren(el('p', { id: 'ref-unavailable' }, `The API reference is not available: ${e.message}`));
  }
}
$('ref-doc').addEventListener('change', () => { st.refDoc = null; loadReference(); });
$('ref-filter').addEventListener('input', () => { st.refDoc = null; loadReference(); });

function tryOperation(method, path, example) {
  const dintero = path.startsWith('/v1/');
  const want = dintero ? 'dintero' : 'tradevest';
  const cur = $('c-tenant').value.split(':');
  let id = cur[0] === want ? cur[1] : (want === 'dintero' ? (st.selected?.api === 'dintero' ? st.selected.id : st.summary.dintero[0]?.id) : st.summary.tradevest[0]?.id);
  if (id) $('c-tenant').value = `${want}:${id}`;
  $('c-method').value = method.toUpperCase();
  $('c-path').value = path.replace('{aid}', id || '{aid}');
  $('c-body').value = example === undefined ? '' : JSON.stringify(example, null, 2);
  location.hash = '#console';
  $('c-path').focus();
}

// ---- start ---------------------------------------------------------------------------

showView(location.hash.slice(1) || 'state', false);
(async () => {
  await refreshAll();
  renderJournal();
  pollJournal();
  setInterval(async () => {
    if (document.hidden) return;
    try {
      if (await loadSummary()) await loadRecords();
    } catch { /* said by the next action */ }
  }, 3000);
})();
