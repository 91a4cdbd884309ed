// PyroLab status page: renders the JSON API (docs/web.md) and keeps it live with Server-Sent
// Events. Plain browser JavaScript, no framework and no build step, so the bundle ships it as is
// and the page works on a lab network without internet.
'use strict';

const $ = (selector, root = document) => root.querySelector(selector);

// ---------- small helpers ----------

/** Makes an element; text is set with textContent, never as HTML, so names cannot inject markup. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

/** The CLI's duration words (`pyrolab ps` prints 5m 3s), so the page and the terminal agree. */
function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${s % 60}s` : `${s % 60}s`;
}

function mebibytes(bytes) {
  return `${Math.round(bytes / 1048576)} MiB`;
}

/** A <time> showing an ISO instant in the reader's local time, the exact instant in its title. */
function timeElement(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return document.createTextNode(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  const text = sameDay ? date.toLocaleTimeString() : date.toLocaleString();
  return el('time', { datetime: iso, title: iso, text });
}

/** Text with a break opportunity after each @, so `PYRO:name@host:port` wraps there, not mid-word. */
function breakable(text) {
  const parts = text.split('@');
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [`${part}@`, el('wbr')] : [part]));
}

let announceTimer = 0;
/** Says something once to screen readers (the live region), without moving the focus. */
function announce(text) {
  const region = $('#announce');
  region.textContent = '';
  clearTimeout(announceTimer);
  // a short gap makes readers notice a repeated message as new
  announceTimer = setTimeout(() => { region.textContent = text; }, 50);
}

// ---------- talking to the daemon ----------

class SessionEnded extends Error {}

/** GETs JSON; a 401 ends the session for the whole page, other failures throw the API's sentence. */
async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    sessionEnded();
    throw new SessionEnded();
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body && body.error) || `${path} answered HTTP ${response.status}`);
  return body;
}

let ended = false;
/** Without a session nothing works any more: say so plainly and stop every stream. */
function sessionEnded() {
  if (ended) return;
  ended = true;
  closeStream(events);
  closeStream(logSource);
  $('#content').hidden = true;
  $('#daemon').hidden = true;
  $('#session-ended').hidden = false;
  setConnection('ended', 'Session ended');
}

function closeStream(source) {
  if (source) source.close();
}

function setConnection(state, text) {
  const status = $('#connection');
  if (status.dataset.state === state && status.textContent === text) return;
  status.dataset.state = state;
  status.textContent = text;
}

// ---------- services, endpoints and nameservers ----------

const PENDING = { start: 'Starting…', stop: 'Stopping…', restart: 'Restarting…' };
const BUTTONS = [['start', 'Start'], ['stop', 'Stop'], ['restart', 'Restart'], ['log', 'Log']];
/** When each row's uptime was received, so the uptime can count on between updates. */
const received = new Map();

function createRow(name) {
  const row = el('tr', { 'data-service': name });
  const nameCell = el('th', { scope: 'row', 'data-label': 'Name' },
    el('span', { class: 'name', text: name }), ' ',
    el('span', { class: 'kind', 'data-field': 'kind' }),
    el('span', { class: 'sub', 'data-field': 'address' }));
  const actions = el('div', { class: 'buttons' });
  for (const [action, label] of BUTTONS) {
    actions.append(el('button', {
      type: 'button', class: `btn btn-${action}`, 'data-action': action, 'data-name': name,
      'aria-label': `${label} ${name}`, text: label,
      // Log is a toggle: pressed while this row's log is the one followed
      'aria-pressed': action === 'log' ? String($('#log').dataset.name === name) : null,
    }));
  }
  row.append(nameCell,
    el('td', { 'data-label': 'State', 'data-field': 'state' }),
    el('td', { 'data-label': 'Driver', 'data-field': 'driver' }),
    el('td', { 'data-label': 'Uptime', 'data-field': 'uptime' }),
    el('td', { 'data-label': 'Restarts', 'data-field': 'restarts' }),
    el('td', { 'data-label': 'Lock', 'data-field': 'lock' }),
    el('td', { 'data-label': 'Last failure', 'data-field': 'reason' }),
    el('td', { 'data-label': 'Actions', class: 'actions' }, actions,
      el('output', { 'data-field': 'result', 'aria-live': 'off' })));
  return row;
}

/** Replaces one cell's content, leaving cells that did not change alone (no flicker, no lost selection). */
function setCell(row, field, ...content) {
  const cell = $(`[data-field="${field}"]`, row);
  const probe = el('span', {}, ...content);
  if (cell.innerHTML === probe.innerHTML) return;
  cell.dataset.empty = String(probe.textContent === '–');
  cell.replaceChildren(...probe.childNodes);
}

/** The lock as ps writes it, `user@host since ISO`, shown as holder and local time. */
function lockContent(lockHolder) {
  if (!lockHolder) return ['–'];
  const at = lockHolder.lastIndexOf(' since ');
  if (at < 0) return [lockHolder];
  return [el('span', { class: 'holder' }, ...breakable(lockHolder.slice(0, at))),
    el('span', { class: 'sub' }, 'since ', timeElement(lockHolder.slice(at + 7)))];
}

function updateRow(row, s) {
  const before = row.dataset.state;
  row.dataset.state = s.state;
  row.dataset.kind = s.kind;
  $('[data-field="kind"]', row).textContent = s.kind;
  $('[data-field="address"]', row).replaceChildren(...breakable(s.address || s.description || ''));
  setCell(row, 'state', el('span', { class: `badge state-${s.state.toLowerCase()}`, text: s.state }));
  // the version under the driver; the bundle's name is long, so it is in the tooltip (and under Drivers)
  setCell(row, 'driver', s.driver || '–', s.version ? el('span', { class: 'sub', title: s.bundle, text: s.version }) : null);
  setCell(row, 'restarts', String(s.restarts));
  setCell(row, 'lock', ...lockContent(s.lockHolder));
  const next = s.nextRestart ? el('span', { class: 'sub' }, 'next restart ', timeElement(s.nextRestart)) : null;
  setCell(row, 'reason', s.reason || '–', next);
  received.set(s.name, { seconds: s.uptimeSeconds, at: Date.now(), running: s.started !== null && s.state === 'RUNNING' });
  tickRow(row);
  // start makes no sense while it runs, stop none while it is stopped; aria-disabled keeps the
  // buttons focusable, so a keyboard user's focus is not thrown away when the state changes
  $('[data-action="start"]', row).setAttribute('aria-disabled', String(s.state === 'RUNNING' || row.dataset.busy === 'true'));
  $('[data-action="stop"]', row).setAttribute('aria-disabled', String(s.state === 'STOPPED' || row.dataset.busy === 'true'));
  $('[data-action="restart"]', row).setAttribute('aria-disabled', String(row.dataset.busy === 'true'));
  if (before && before !== s.state) announce(`${s.name} is now ${s.state}`);
}

function tickRow(row) {
  const r = received.get(row.dataset.service);
  const cell = $('[data-field="uptime"]', row);
  const text = r && r.running ? duration(r.seconds + (Date.now() - r.at) / 1000) : '–';
  if (cell.textContent === text) return;
  cell.textContent = text;
  cell.dataset.empty = String(text === '–');
}

/** Updates the table in place (rows keyed by name), so focus and the row being read survive an update. */
function renderServices(list) {
  const body = $('#service-rows');
  const rows = new Map([...body.querySelectorAll('tr[data-service]')].map(r => [r.dataset.service, r]));
  body.querySelectorAll('tr.placeholder').forEach(r => r.remove());
  list.forEach((s, i) => {
    const row = rows.get(s.name) || createRow(s.name);
    rows.delete(s.name);
    updateRow(row, s);
    if (body.children[i] !== row) body.insertBefore(row, body.children[i] || null);
  });
  rows.forEach(row => row.remove());
  if (list.length === 0) {
    body.append(el('tr', { class: 'placeholder' }, el('td', { colspan: 8, text: 'No services are configured.' })));
  }
  summarize(list.filter(s => s.kind === 'service'));
  scheduleNameservers();
}

/** The header's count and the tab's title follow each change at once (the daemon event comes every 5 s). */
function summarize(services) {
  const running = services.filter(s => s.state === 'RUNNING').length;
  const failed = services.filter(s => s.state === 'FAILED').length;
  showRunning(running, services.length, failed);
}

function showRunning(running, total, failed) {
  $('#daemon [data-field="running"]').textContent = `${running} of ${total}` + (failed > 0 ? `, ${failed} failed` : '');
  // a page kept open all day in a tab: the title tells of a failure without switching to it
  document.title = failed > 0 ? `PyroLab: ${failed} failed` : `PyroLab: ${running} of ${total} running`;
}

/** POSTs an action; shows the API's message or error in the row and tells screen readers. */
async function act(name, action) {
  const row = $(`tr[data-service="${CSS.escape(name)}"]`);
  const result = $('[data-field="result"]', row);
  row.dataset.busy = 'true';
  row.setAttribute('aria-busy', 'true');
  row.querySelectorAll('[data-action]:not([data-action="log"])').forEach(b => b.setAttribute('aria-disabled', 'true'));
  result.dataset.ok = '';
  result.textContent = PENDING[action];
  let text;
  let ok = false;
  try {
    const response = await fetch(`/api/services/${encodeURIComponent(name)}/${action}`,
      { method: 'POST', headers: { 'X-PyroLab': '1', Accept: 'application/json' } });
    if (response.status === 401) return sessionEnded();
    const body = await response.json().catch(() => ({}));
    ok = response.ok && body.ok === true;
    text = (ok ? body.message : body.error) || `${action} answered HTTP ${response.status}`;
  } catch (e) {
    text = `${action} ${name} did not reach the daemon: ${e.message}`;
  }
  row.dataset.busy = 'false';
  row.removeAttribute('aria-busy');
  result.dataset.ok = String(ok);
  result.textContent = text;
  announce(text);
  const s = lastServices.find(x => x.name === name);
  if (s) updateRow(row, s);
}

// ---------- daemon facts ----------

let daemonReceived = null;

function renderDaemon(d) {
  const facts = $('#daemon');
  $('[data-field="version"]', facts).textContent = d.version;
  $('[data-field="pid"]', facts).textContent = String(d.pid);
  $('[data-field="heap"]', facts).textContent = `${mebibytes(d.heapUsed)} of ${mebibytes(d.heapMax)}`;
  showRunning(d.running, d.services, d.failed);
  daemonReceived = { seconds: d.uptimeSeconds, at: Date.now() };
  tickDaemon();
}

function tickDaemon() {
  if (!daemonReceived) return;
  $('#daemon [data-field="uptime"]').textContent =
    duration(daemonReceived.seconds + (Date.now() - daemonReceived.at) / 1000);
}

// ---------- live updates ----------

let events = null;
let lastServices = [];
let retryDelay = 1000;

/** /api/events: services on connect and on every change, daemon facts every 5 s. */
function connectEvents() {
  if (ended) return;
  const source = new EventSource('/api/events');
  events = source;
  source.addEventListener('services', e => {
    lastServices = JSON.parse(e.data);
    renderServices(lastServices);
  });
  source.addEventListener('daemon', e => {
    renderDaemon(JSON.parse(e.data));
    // a service registers on its nameservers a moment after it runs, with no event of its own
    scheduleNameservers();
  });
  source.addEventListener('open', () => {
    retryDelay = 1000;
    setConnection('live', 'Live');
    refreshDrivers();
  });
  source.addEventListener('error', () => {
    if (source !== events || ended) return;
    setConnection('lost', 'Connection lost; reconnecting…');
    // the browser retries by itself while CONNECTING; once CLOSED (an error status such as 401,
    // or the daemon gone) it gives up, so find out why and try again ourselves, backing off
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => getJson('/api/daemon').then(renderDaemon).catch(() => {}).finally(connectEvents), retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
  });
}

// ---------- log tail ----------

const LOG_LIMIT = 1000;
let logSource = null;

/** Shows the last lines of NAME's log, then follows it; any earlier log stream is closed first. */
function followLog(name) {
  closeStream(logSource);
  const section = $('#log');
  const lines = $('#log-lines');
  section.dataset.following = '';
  section.dataset.name = name;
  document.querySelectorAll('[data-action="log"]').forEach(b =>
    b.setAttribute('aria-pressed', String(b.dataset.name === name)));
  $('#log-title').textContent = name === 'daemon' ? 'Log: the daemon' : `Log: ${name}`;
  $('#log-close').hidden = false;
  lines.hidden = false;
  lines.replaceChildren();
  setLogStatus(`Connecting to ${name}’s log…`);

  const source = new EventSource(`/api/logs/${encodeURIComponent(name)}/follow`);
  logSource = source;
  let early = null; // lines streamed while the tail is still being fetched
  source.addEventListener('line', e => (early ? early.push(e.data) : appendLines([e.data])));
  // on every (re)connect: fetch the tail after the stream is open, so no line falls in between
  source.addEventListener('open', async () => {
    early = [];
    try {
      const tail = await getJson(`/api/logs/${encodeURIComponent(name)}?lines=100`);
      if (source !== logSource) return;
      const seen = new Set(tail.lines);
      lines.replaceChildren();
      appendLines([...tail.lines, ...early.filter(l => !seen.has(l))]);
      early = null;
      section.dataset.following = name;
      setLogStatus(`Following ${name}’s log live.`);
    } catch (e) {
      if (!(e instanceof SessionEnded)) setLogStatus(e.message, true);
    }
  });
  source.addEventListener('error', () => {
    if (source !== logSource || ended) return;
    section.dataset.following = '';
    if (source.readyState === EventSource.CLOSED) {
      // the stream was refused: the tail request says why (no such log, or the session ended)
      getJson(`/api/logs/${encodeURIComponent(name)}?lines=0`)
        .then(() => setLogStatus(`${name}’s log cannot be followed; choose “Log” again to retry.`, true))
        .catch(e => { if (!(e instanceof SessionEnded)) setLogStatus(e.message, true); });
    } else {
      setLogStatus(`Connection to ${name}’s log lost; reconnecting…`, true);
    }
  });
}

function stopLog() {
  closeStream(logSource);
  logSource = null;
  const section = $('#log');
  section.dataset.following = '';
  section.dataset.name = '';
  document.querySelectorAll('[data-action="log"]').forEach(b => b.setAttribute('aria-pressed', 'false'));
  $('#log-title').textContent = 'Log';
  $('#log-close').hidden = true;
  setLogStatus('Not following a log.');
}

function setLogStatus(text, problem = false) {
  const status = $('#log-status');
  status.textContent = text;
  status.classList.toggle('problem', problem);
}

/** Appends lines, keeps the last LOG_LIMIT, and stays scrolled to the end if the reader was there. */
function appendLines(newLines) {
  const pre = $('#log-lines');
  const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  for (const line of newLines) pre.append(el('span', { class: 'line', text: line }), '\n');
  while (pre.childNodes.length > LOG_LIMIT * 2) {
    pre.firstChild.remove();
    pre.firstChild.remove();
  }
  if (atEnd) pre.scrollTop = pre.scrollHeight;
}

// ---------- nameservers ----------

let nsTimer = 0;
/** Entries change as services start and stop; refetch once a burst of changes is over. */
function scheduleNameservers() {
  clearTimeout(nsTimer);
  nsTimer = setTimeout(refreshNameservers, 700);
}

async function refreshNameservers() {
  const list = $('#ns-list');
  let servers;
  try {
    servers = await getJson('/api/nameservers');
  } catch (e) {
    if (!(e instanceof SessionEnded)) list.replaceChildren(el('p', { class: 'problem', text: e.message }));
    return;
  }
  if (servers.length === 0) {
    list.replaceChildren(el('p', { class: 'muted', text: 'This daemon runs no nameserver.' }));
    return;
  }
  list.replaceChildren(...servers.map(nameserverBlock));
}

function nameserverBlock(ns) {
  const block = el('div', { class: 'ns', 'data-nameserver': ns.name },
    el('h3', {}, ns.name, ' ', el('span', { class: 'sub inline', text: ns.address || '' })));
  if (ns.error) {
    block.append(el('p', { class: 'problem', text: ns.error }));
  } else if (!ns.entries || ns.entries.length === 0) {
    block.append(el('p', { class: 'muted', text: 'It holds no names.' }));
  } else {
    const rows = ns.entries.map(e => el('tr', { 'data-entry': e.name },
      el('th', { scope: 'row', 'data-label': 'Name', text: e.name }),
      el('td', { 'data-label': 'URI', class: 'uri', text: e.uri }),
      el('td', { 'data-label': 'Metadata', text: (e.metadata || []).join(', ') || '–' })));
    block.append(el('div', { class: 'table-wrap' }, el('table', { class: 'rows' },
      el('caption', { class: 'visually-hidden', text: `Names held by ${ns.name}` }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'Name' }), el('th', { scope: 'col', text: 'URI' }),
        el('th', { scope: 'col', text: 'Metadata' }))),
      el('tbody', {}, ...rows))));
  }
  return block;
}

// ---------- deployed bundles and drivers ----------

async function refreshDrivers() {
  const body = $('#driver-rows');
  let drivers;
  try {
    drivers = await getJson('/api/drivers');
  } catch (e) {
    if (!(e instanceof SessionEnded)) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 4, class: 'problem', text: e.message })));
    }
    return;
  }
  // the API lists drivers; the page groups them by the file (or bundle) that offers them
  const groups = new Map();
  for (const d of drivers) {
    const key = d.file || d.bundle || d.driver;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(d);
  }
  const rows = [...groups.values()].map(bundleRow);
  if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: 4, text: 'No drivers are installed.' })));
  body.replaceChildren(...rows);
}

function bundleRow(drivers) {
  const first = drivers[0];
  const file = first.file ? first.file.replace(/^.*\//, '') : '(installation)';
  const offered = el('ul', { class: 'plain' });
  for (const d of drivers) {
    if (d.problem) {
      offered.append(el('li', { class: 'problem', text: d.problem }));
    } else {
      const params = (d.parameters || []).map(p => p.name + (p.required ? '*' : '')).join(', ');
      offered.append(el('li', { 'data-driver': d.driver },
        el('code', { text: d.driver }), ` ${d.description || ''}`,
        params ? el('span', { class: 'sub', text: `parameters: ${params}` }) : null));
    }
  }
  return el('tr', { 'data-bundle': first.bundle || file },
    el('th', { scope: 'row', 'data-label': 'Bundle', text: first.bundle || '–' }),
    el('td', { 'data-label': 'Version', text: first.version || '–' }),
    el('td', { 'data-label': 'File', title: first.file || '', text: file }),
    el('td', { 'data-label': 'Drivers' }, offered));
}

// ---------- start ----------

/** One click handler for every button, present and future (rows are made as services appear). */
document.addEventListener('click', e => {
  const button = e.target.closest('button');
  if (!button) return;
  if (button.id === 'log-close') return stopLog();
  if (button.id === 'drivers-refresh') return refreshDrivers();
  const action = button.dataset.action;
  if (!action || button.getAttribute('aria-disabled') === 'true') return;
  if (action === 'log') return followLog(button.dataset.name);
  act(button.dataset.name, action);
});

async function start() {
  try {
    renderDaemon(await getJson('/api/daemon'));
  } catch (e) {
    if (e instanceof SessionEnded) return;
    setConnection('lost', `The daemon does not answer: ${e.message}`);
  }
  connectEvents();
  refreshNameservers();
  setInterval(() => {
    document.querySelectorAll('#service-rows tr[data-service]').forEach(tickRow);
    tickDaemon();
  }, 1000);
}

start();
