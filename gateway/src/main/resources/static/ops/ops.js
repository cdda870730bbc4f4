// The ops dashboard: plain browser JavaScript, no framework, no build step. Every call goes through the gateway's
// /api/** with the operator's key as a bearer token; the page itself holds no data and no secrets.
'use strict';

(() => {
  const KEY = 'fillonce.ops.key';
  const JOBS = 'fillonce.ops.jobs';
  const REFRESH_MS = 5000;
  const SERVICES = ['intake', 'registry', 'sync'];
  const $ = (id) => document.getElementById(id);
  let timer = null;
  let backfillSubscription = '';
  let deadLetterDepartment = '';

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  // --- HTTP -----------------------------------------------------------------------------------------------------

  async function api(path, method = 'GET', body = undefined) {
    const headers = { Accept: 'application/json, application/problem+json', Authorization: 'Bearer ' + key() };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, { method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = await readJson(response);
    if (!response.ok) {
      throw new ApiError(response.status, problemText(response, answer));
    }
    return answer;
  }

  async function readJson(response) {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  // RFC 9457: the detail says what went wrong; errors[] name each field and rule.
  function problemText(response, problem) {
    if (!problem || typeof problem !== 'object') {
      return response.status + ' ' + response.statusText;
    }
    let text = problem.detail || problem.title || String(response.status);
    if (Array.isArray(problem.errors) && problem.errors.length) {
      text += ' ' + problem.errors.map((e) => (e.pointer || '') + ': ' + e.message).join('; ');
    }
    return text + ' (' + response.status + ')';
  }

  const key = () => sessionStorage.getItem(KEY) || '';
  const path = (...segments) => segments.map(encodeURIComponent).join('/');

  // --- rendering ------------------------------------------------------------------------------------------------

  function cell(content) {
    const td = document.createElement('td');
    if (content instanceof Node) {
      td.appendChild(content);
    } else {
      td.textContent = content === null || content === undefined || content === '' ? '—' : String(content);
    }
    return td;
  }

  function fill(table, rows, emptyText) {
    const tbody = $(table).tBodies[0];
    tbody.replaceChildren();
    if (!rows.length) {
      const td = cell(emptyText);
      td.colSpan = $(table).tHead.rows[0].cells.length;
      tbody.appendChild(document.createElement('tr')).appendChild(td);
      return;
    }
    for (const cells of rows) {
      const tr = tbody.appendChild(document.createElement('tr'));
      cells.forEach((content) => tr.appendChild(cell(content)));
    }
  }

  function button(label, accessibleName, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('aria-label', accessibleName);
    b.addEventListener('click', onClick);
    return b;
  }

  function progress(done, total) {
    const wrapper = document.createElement('span');
    const bar = wrapper.appendChild(document.createElement('progress'));
    if (total !== null && total !== undefined) {
      bar.max = Math.max(total, 1);
      bar.value = Math.min(done, bar.max);
    }
    wrapper.appendChild(document.createTextNode(' ' + done + ' of ' + (total ?? '?')));
    return wrapper;
  }

  const when = (instant) => (instant ? String(instant).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '');

  function say(text) {
    $('status').textContent = text;
  }

  function showErrors(messages) {
    $('error').hidden = messages.length === 0;
    $('error').textContent = messages.join(' · ');
  }

  // --- sections -------------------------------------------------------------------------------------------------

  async function readiness(url, withKey) {
    const response = await fetch(url, { cache: 'no-store',
      headers: withKey ? { Authorization: 'Bearer ' + key() } : {} });
    const answer = await readJson(response);
    if (response.status === 401) {
      throw new ApiError(401, problemText(response, answer));
    }
    const state = answer && answer.status && !answer.type ? answer.status : 'UNREACHABLE';
    return [state, response.ok ? '' : problemText(response, answer)];
  }

  async function refreshHealth() {
    const rows = [['gateway', ...(await readiness('/readyz', false))]];
    for (const service of SERVICES) {
      rows.push([service + '-service', ...(await readiness('/api/ops/health/' + service, true))]);
    }
    try {
      const backlog = await api('/api/ops/relay-backlog');
      const value = backlog.measurements && backlog.measurements.length ? backlog.measurements[0].value : null;
      rows.push(['intake relay backlog', value === null ? 'unknown' : value + ' events', 'outbox events not yet on Kafka']);
    } catch (e) {
      if (e.status === 401) {
        throw e;
      }
      rows.push(['intake relay backlog', 'unknown', e.message]);
    }
    fill('health', rows, 'no components');
  }

  async function refreshDeadLetters() {
    const query = deadLetterDepartment ? '?department=' + encodeURIComponent(deadLetterDepartment) : '';
    const letters = await api('/api/ops/dead-letters' + query);
    fill('dead-letters', letters.map((d) => [d.department, d.channel, d.type + '/' + d.entityKey, d.version,
      d.attempts, d.reason, when(d.createdAt), actions(d)]), 'no dead letters');
    const lanes = new Map();
    for (const d of letters) {
      const lane = d.department + '\u0000' + d.channel;
      lanes.set(lane, (lanes.get(lane) || 0) + 1);
    }
    fill('lanes', [...lanes].map(([lane, count]) => [...lane.split('\u0000'), count]), 'every lane is flowing');
  }

  function actions(letter) {
    const span = document.createElement('span');
    span.append(button('Inspect', 'Inspect dead letter ' + letter.id, () => inspect(letter.id)),
      button('Replay', 'Replay dead letter ' + letter.id, () => replay(letter.id)),
      button('Discard', 'Discard dead letter ' + letter.id, () => inspect(letter.id, true)));
    return span;
  }

  async function inspect(id, discarding = false) {
    try {
      const letter = await api('/api/ops/dead-letters/' + path(id));
      $('detail-id').textContent = letter.id;
      const fields = $('detail-fields');
      fields.replaceChildren();
      for (const [name, value] of Object.entries(letter)) {
        fields.appendChild(document.createElement('dt')).textContent = name;
        fields.appendChild(document.createElement('dd')).textContent = value === null ? '—' : String(value);
      }
      $('dead-letter-detail').hidden = false;
      $('dead-letter-detail').dataset.id = letter.id;
      if (discarding) {
        $('discard-reason').focus();
      }
    } catch (e) {
      report(e);
    }
  }

  async function replay(id) {
    try {
      const letter = await api('/api/ops/dead-letters/' + path(id) + '/replay', 'POST');
      say('Replayed ' + id + ': now ' + letter.status + '.');
      await refresh();
    } catch (e) {
      report(e);
    }
  }

  async function discard(event) {
    event.preventDefault();
    const id = $('dead-letter-detail').dataset.id;
    try {
      const letter = await api('/api/ops/dead-letters/' + path(id) + '/discard', 'POST',
        { reason: $('discard-reason').value });
      say('Discarded ' + id + ': now ' + letter.status + '.');
      $('dead-letter-detail').hidden = true;
      await refresh();
    } catch (e) {
      report(e);
    }
  }

  async function lookUpReceipts(event) {
    event.preventDefault();
    try {
      const receipts = await api('/api/ops/receipts/' + path($('receipts-type').value, $('receipts-key').value));
      $('receipts-caption').textContent = 'Receipts of ' + receipts.type + '/' + receipts.entityKey;
      fill('receipts', receipts.receipts.map((r) => [r.department, r.channel, r.version, r.status,
        when(r.deliveredAt), r.attempts, r.reason]), 'shared with no department yet');
      $('receipts').hidden = false;
    } catch (e) {
      report(e);
    }
  }

  const followedJobs = () => JSON.parse(sessionStorage.getItem(JOBS) || '[]');

  function follow(event) {
    event.preventDefault();
    const job = { type: $('job-type').value.trim(), id: $('job-id').value.trim() };
    const jobs = followedJobs().filter((j) => j.type !== job.type || j.id !== job.id);
    sessionStorage.setItem(JOBS, JSON.stringify([job, ...jobs]));
    refreshJobs().catch(report);
  }

  async function refreshJobs() {
    const rows = [];
    for (const job of followedJobs()) {
      try {
        const view = await api('/api/records/' + path(job.type, 'batch', job.id) + '?size=1');
        rows.push([job.type + '/' + job.id, view.state, progress(view.linesRead, view.linesTotal), view.accepted,
          view.rejected, view.detail]);
      } catch (e) {
        if (e.status === 401) {
          throw e;
        }
        rows.push([job.type + '/' + job.id, 'unknown', '', '', '', e.message]);
      }
    }
    fill('jobs', rows, 'no jobs followed: enter a type and the job id from the upload\'s Location');
  }

  async function refreshBackfills() {
    const query = backfillSubscription ? '?subscription=' + encodeURIComponent(backfillSubscription) : '';
    try {
      const answer = await api('/api/ops/backfills' + query);
      const backfills = Array.isArray(answer) ? answer : (answer && answer.items) || [];
      $('backfills-note').textContent = '';
      fill('backfills', backfills.map((b) => [b.id, b.subscription,
        b.state === 'RUNNING' ? 'RUNNING (' + (b.partitionsDone || 0) + ' of ' + b.partitions + ' partitions done)'
          : b.state,
        progress((b.enqueued || 0) + (b.skipped || 0), b.total), when(b.startedAt), when(b.finishedAt)]),
      'no backfills');
    } catch (e) {
      if (e.status !== 404) {
        throw e;
      }
      $('backfills-note').textContent = 'This sync-service does not offer backfills (404).';
      fill('backfills', [], 'not available');
    }
  }

  // --- the loop -------------------------------------------------------------------------------------------------

  async function refresh() {
    const outcomes = await Promise.allSettled([refreshHealth(), refreshDeadLetters(), refreshJobs(),
      refreshBackfills()]);
    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
    const refused = failures.find((e) => e.status === 401);
    if (refused) {
      refuseKey(refused);
      return;
    }
    showErrors(failures.map((e) => e.message));
    $('refreshed').textContent = new Date().toLocaleTimeString();
  }

  function refuseKey(error) {
    stop();
    $('dashboard').hidden = true;
    showErrors(['The key was refused: ' + error.message]);
    say('');
  }

  function report(error) {
    if (error.status === 401) {
      refuseKey(error);
    } else {
      showErrors([error.message]);
    }
  }

  function start() {
    stop();
    $('dashboard').hidden = false;
    say('Using the key from this tab.');
    refresh();
    timer = setInterval(refresh, REFRESH_MS);
  }

  function stop() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }

  function init() {
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, $('api-key').value.trim());
      $('api-key').value = '';
      showErrors([]);
      start();
    });
    $('forget-key').addEventListener('click', () => {
      sessionStorage.removeItem(KEY);
      stop();
      $('dashboard').hidden = true;
      say('Key forgotten.');
    });
    $('dead-filter').addEventListener('submit', (event) => {
      event.preventDefault();
      deadLetterDepartment = $('dead-department').value.trim();
      refreshDeadLetters().catch(report);
    });
    $('backfill-form').addEventListener('submit', (event) => {
      event.preventDefault();
      backfillSubscription = $('backfill-subscription').value.trim();
      refreshBackfills().catch(report);
    });
    $('discard-form').addEventListener('submit', discard);
    $('close-detail').addEventListener('click', () => { $('dead-letter-detail').hidden = true; });
    $('receipts-form').addEventListener('submit', lookUpReceipts);
    $('job-form').addEventListener('submit', follow);
    if (key()) {
      start();
    }
  }

  init();
})();
