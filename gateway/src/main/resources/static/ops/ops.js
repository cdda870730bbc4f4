// The ops dashboard: plain browser JavaScript, no framework, no build step. Every call goes through the gateway's
// /api/** with the operator's key as a bearer token; the page itself holds no data and no secrets.
'use strict';

(() => {
  const KEY = 'fillonce.ops.key';
  const JOBS = 'fillonce.ops.jobs';
  const REFRESH_MS = 5000;
  // A backstop only: the gateway answers 504 after its own upstream timeout (10 s) long before this.
  const ANSWER_WITHIN_MS = 30000;
  const SERVICES = ['intake', 'registry', 'sync'];
  const HEALTH_RANK = { OK: 0, LAGGING: 1, FAILING: 2 };
  const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 };
  const $ = (id) => document.getElementById(id);
  const counts = new Intl.NumberFormat('en');
  const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
  let backfillSubscription = '';
  let deadLetterDepartment = '';
  let traceLink = null;

  const { ApiError, problemText, readJson } = fillOnceApi;

  // --- HTTP -----------------------------------------------------------------------------------------------------

  /** Calls the API (shared/api.js) with the operator's key; answers the JSON body, a 4xx or 5xx throws. */
  async function api(path, method = 'GET', body = undefined) {
    const answer = await fillOnceApi.call(path, { method, key: key(), withinMs: ANSWER_WITHIN_MS, fieldErrors: true,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      unreachable: (e) => (e.name === 'TimeoutError' ? path + ' gave no answer within ' + ANSWER_WITHIN_MS / 1000
        + ' s' : path + ' could not be reached (' + e.message + ')') });
    return answer.body;
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

  /** 45 s, 3 min, 2 h 5 min, 3 days: how long something has been so, at a glance. */
  function duration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 60) {
      return s + ' s';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min';
    }
    if (s < 2 * 86400) {
      const minutes = Math.floor(s / 60) % 60;
      return Math.floor(s / 3600) + ' h' + (minutes ? ' ' + minutes + ' min' : '');
    }
    return Math.floor(s / 86400) + ' days';
  }

  /** An ISO-8601 duration as alert rules give it (PT5M, PT30S, PT1H30M, P1D), or the text itself if it is none. */
  function isoDuration(text) {
    const parts = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text || '');
    if (!parts || text === 'P' || text.endsWith('T')) {
      return text;
    }
    const [days, hours, minutes, seconds] = parts.slice(1).map((p) => Number(p || 0));
    return duration(((days * 24 + hours) * 60 + minutes) * 60 + seconds);
  }

  /** "for 3 min", with the instant itself in the title and as the element's machine-readable time. */
  function since(instant) {
    const start = Date.parse(instant);
    if (Number.isNaN(start)) {
      return instant;
    }
    const time = document.createElement('time');
    time.dateTime = instant;
    time.title = instant;
    time.textContent = 'for ' + duration((Date.now() - start) / 1000);
    return time;
  }

  /** Deliveries per second: 4.1, 0.25, 0; two decimals only where one would round a trickle to nothing. */
  const perSecond = (rate) => (rate === null || rate === undefined ? ''
    : new Intl.NumberFormat('en', { maximumFractionDigits: rate < 1 ? 2 : 1 }).format(rate));

  /** A label whose value CSS colours by attribute (data-health="FAILING", data-severity="critical"). */
  function badge(kind, value) {
    const span = document.createElement('span');
    span.className = 'badge';
    span.dataset[kind] = value;
    span.textContent = value;
    return span;
  }

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
      throw new ApiError(401, answer, problemText(response, answer, true));
    }
    const state = answer && answer.status && !answer.type ? answer.status : 'UNREACHABLE';
    return [state, response.ok ? '' : problemText(response, answer, true)];
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
    const letters = (await api('/api/ops/dead-letters' + query)).items;
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
        when(r.deliveredAt), r.attempts, r.reason, trace(r.traceId)]), 'shared with no department yet');
      $('receipts').hidden = false;
    } catch (e) {
      report(e);
    }
  }

  /** A link to the delivery's trace where flows named a trace viewer, else the trace id as text. */
  function trace(traceId) {
    if (!traceId || !traceLink || !/^[0-9a-f]{32}$/i.test(traceId)) {
      return traceId;
    }
    const link = document.createElement('a');
    link.href = traceLink.replace('{traceId}', traceId.toLowerCase());
    link.textContent = 'trace';
    link.title = 'trace ' + traceId;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    return link;
  }

  /** The trace viewer's address template, if it is an http(s) address with a {traceId} place (never javascript:). */
  function traceLinkOf(template) {
    if (typeof template !== 'string' || !template.includes('{traceId}')) {
      return null;
    }
    try {
      const url = new URL(template.replace('{traceId}', '0'), location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? template : null;
    } catch (e) {
      return null;
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
        const view = await api('/api/records/' + path(job.type, 'batch', job.id) + '?limit=1');
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
      const backfills = (answer && answer.items) || [];
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

  // --- flows, departments, alerts -------------------------------------------------------------------------------

  async function refreshFlows() {
    const answer = await api('/api/ops/flows');
    traceLink = traceLinkOf(answer.traceLink);
    showTotals(answer.totals);
    $('flows-window').textContent = 'As of ' + when(answer.at) + '; rates over the last '
      + duration(answer.windowSeconds) + '.';
    drawFlowMap(answer.flows, answer.departments);
    fill('flows', [...answer.flows].sort(worstFirst).map((f) => [f.recordType, f.department, f.channel,
      badge('health', f.health), perSecond(f.ratePerSecond), counts.format(f.delivered), counts.format(f.failed),
      counts.format(f.parked), lag(f), when(f.lastDelivery)]), 'nothing to deliver in this window');
    fill('departments', [...answer.departments].sort(worstFirst).map((d) => [d.department, badge('health', d.health),
      d.breaker || 'no webhook']), 'no departments');
  }

  /** The burden-reduction headline: forms and fields departments did not have to type again. */
  async function refreshBurden() {
    const answer = await api('/api/ops/burden?by=day');
    $('burden-forms').textContent = counts.format(answer.allTime.forms);
    $('burden-fields').textContent = counts.format(answer.allTime.fields);
    $('burden-recent').textContent = counts.format(answer.forms) + ' forms, ' + counts.format(answer.fields)
      + ' fields';
  }

  const rank = (health) => HEALTH_RANK[health] ?? 0;
  const worse = (a, b) => (rank(b) > rank(a) ? b : a);
  const sortKey = (row) => [row.recordType, row.department, row.channel].join('\u0000');
  const worstFirst = (a, b) => rank(b.health) - rank(a.health) || sortKey(a).localeCompare(sortKey(b));

  function lag(flow) {
    const parts = [];
    if (flow.lagMessages !== null && flow.lagMessages !== undefined) {
      parts.push(counts.format(flow.lagMessages) + ' messages');
    }
    if (flow.lagSeconds !== null && flow.lagSeconds !== undefined) {
      parts.push(oneDecimal.format(flow.lagSeconds) + ' s');
    }
    return parts.length ? parts.join(', ') : 'unknown';
  }

  function showTotals(totals) {
    counter('count-delivered', totals.delivered, false);
    $('count-rate').textContent = perSecond(totals.ratePerSecond) || '—';
    counter('count-failed', totals.failed, true);
    counter('count-parked', totals.parked, true);
    counter('count-dead-letters', totals.deadLetters, true);
  }

  /** A headline number; where any is too many (failed, parked, dead letters, alerts) a non-zero one stands out. */
  function counter(id, value, anyIsNews) {
    const known = typeof value === 'number';
    $(id).textContent = known ? counts.format(value) : '—';
    $(id).classList.toggle('attention', anyIsNews && known && value > 0);
  }

  async function refreshAlerts() {
    const answer = await api('/api/ops/alerts');
    const alerts = [...answer.alerts].sort((a, b) => (a.state === 'FIRING' ? 0 : 1) - (b.state === 'FIRING' ? 0 : 1)
      || (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || String(a.since).localeCompare(b.since));
    counter('count-alerts', alerts.length, true);
    fill('alerts', alerts.map((a) => [badge('severity', a.severity), a.rule, summary(a), a.state, since(a.since)]),
      'no open alerts');
    fill('alert-rules', answer.rules.map((r) => [r.rule, badge('severity', r.severity), isoDuration(r.for),
      r.threshold]), 'no alert rules');
  }

  function summary(alert) {
    const span = document.createElement('span');
    span.textContent = alert.summary;
    span.title = Object.entries(alert.labels || {}).map(([name, value]) => name + '=' + value).join(', ');
    return span;
  }

  // --- the flow map ----------------------------------------------------------------------------------------------
  // Record types on the left, departments on the right, one edge per pair (its channels summed). Drawn 1:1 for the
  // width it has (so labels keep their size on a phone), in a viewBox so it scales until the next drawing.

  const SVG = 'http://www.w3.org/2000/svg';
  const MAP = { bar: 10, gap: 14, pad: 6, port: 3, minNode: 26, margin: 10, charWidth: 7.5 };
  let drawn = '';
  let lastMap = null;

  function drawFlowMap(flows, departments) {
    lastMap = { flows, departments };
    const width = Math.max(320, Math.min(1200, $('flow-figure').clientWidth || 640));
    const fingerprint = JSON.stringify([width, flows, departments]);
    if (fingerprint === drawn) {
      return;
    }
    drawn = fingerprint;
    const edges = flowEdges(flows);
    const known = new Map(departments.map((d) => [d.department, d]));
    const types = [...new Set(edges.map((e) => e.from))].sort();
    const places = [...new Set([...edges.map((e) => e.to), ...known.keys()])].sort();
    const left = column(types, edges, 'from', (e) => places.indexOf(e.to), 'y1');
    const right = column(places, edges, 'to', (e) => types.indexOf(e.from), 'y2');
    const height = Math.max(extent(left), extent(right), MAP.minNode) + 2 * MAP.margin;
    const label = Math.min(170, Math.round(width * 0.3));
    const x = { left: label, right: width - label - MAP.bar, chars: Math.floor((label - 6) / MAP.charWidth) };
    place(left, height);
    place(right, height);

    const drawing = $('flow-drawing');
    drawing.replaceChildren(...edges.map((edge) => edgeMark(edge, x)),
      ...left.map((node) => nodeMark(node, 'recordType', worstOf(node.edges), '', x.left, x.chars, 'end')),
      ...right.map((node) => {
        const department = known.get(node.name);
        return nodeMark(node, 'department', department ? department.health : worstOf(node.edges),
          department ? ', breaker ' + (department.breaker || 'none (no webhook)') : '', x.right, x.chars, 'start');
      }));
    if (!edges.length && !places.length) {
      drawing.appendChild(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle',
        'dominant-baseline': 'middle' }, 'nothing to deliver in this window'));
    }
    $('flow-map').setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  }

  function flowEdges(flows) {
    const edges = new Map();
    for (const flow of flows) {
      const id = flow.recordType + '→' + flow.department;
      if (!edges.has(id)) {
        edges.set(id, { id, from: flow.recordType, to: flow.department, rate: 0, health: 'OK', flows: [] });
      }
      const edge = edges.get(id);
      edge.rate += flow.ratePerSecond || 0;
      edge.health = worse(edge.health, flow.health);
      edge.flows.push(flow);
    }
    for (const edge of edges.values()) {
      edge.width = edgeWidth(edge.rate);
    }
    return [...edges.values()];
  }

  /** Log-ish: 0.1/s and 100/s both readable side by side; an idle edge stays visible. */
  const edgeWidth = (rate) => Math.round((rate > 0 ? Math.min(2 + 3 * Math.log2(1 + rate), 24) : 1.5) * 10) / 10;

  /** One side's nodes, top to bottom, each tall enough to hold its edges side by side (ordered to cross less). */
  function column(names, edges, side, otherIndex, end) {
    let y = 0;
    return names.map((name) => {
      const own = edges.filter((e) => e[side] === name).sort((a, b) => otherIndex(a) - otherIndex(b));
      const used = own.reduce((sum, e) => sum + e.width, 0) + MAP.port * Math.max(own.length - 1, 0);
      const node = { name, y, height: Math.max(MAP.minNode, used + 2 * MAP.pad), used, edges: own, end };
      y += node.height + MAP.gap;
      return node;
    });
  }

  const extent = (nodes) => (nodes.length ? nodes[nodes.length - 1].y + nodes[nodes.length - 1].height : 0);

  /** Centres a column vertically and gives each of its edges its end (y1 on the left, y2 on the right). */
  function place(nodes, height) {
    const offset = (height - extent(nodes)) / 2;
    for (const node of nodes) {
      node.y += offset;
      let y = node.y + (node.height - node.used) / 2;
      for (const edge of node.edges) {
        edge[node.end] = y + edge.width / 2;
        y += edge.width + MAP.port;
      }
    }
  }

  const worstOf = (edges) => edges.reduce((health, e) => worse(health, e.health), 'OK');

  function edgeMark(edge, x) {
    const x1 = x.left + MAP.bar;
    const x2 = x.right;
    const middle = (x1 + x2) / 2;
    const look = edge.health === 'FAILING' ? 'failing' : edge.health === 'LAGGING' ? 'lagging'
      : edge.rate === 0 ? 'idle' : 'ok';
    const path = svg('path', { d: `M${x1} ${edge.y1} C${middle} ${edge.y1} ${middle} ${edge.y2} ${x2} ${edge.y2}`,
      class: 'edge ' + look, 'stroke-width': edge.width, 'data-flow': edge.id, 'data-health': edge.health,
      'data-rate': edge.rate });
    const pair = edge.from + ' → ' + edge.to + ': ' + perSecond(edge.rate) + '/s, ' + edge.health;
    const channels = edge.flows.map((f) => f.channel + ': ' + f.health + ', ' + perSecond(f.ratePerSecond) + '/s, '
      + counts.format(f.delivered) + ' delivered, ' + counts.format(f.failed) + ' failed, '
      + counts.format(f.parked) + ' parked, lag ' + lag(f) + ', last delivery ' + (when(f.lastDelivery) || 'none'));
    path.appendChild(svg('title', {}, [pair, ...channels].join('\n')));
    return path;
  }

  function nodeMark(node, kind, health, detail, x, chars, anchor) {
    const g = svg('g', { class: 'node', 'data-node': kind + ':' + node.name, 'data-health': health });
    const middle = node.y + node.height / 2;
    const name = node.name.length > chars ? node.name.slice(0, Math.max(chars - 1, 1)) + '…' : node.name;
    g.append(svg('title', {}, node.name + ': ' + health + detail + ', ' + node.edges.length
      + (node.edges.length === 1 ? ' edge' : ' edges')),
      svg('rect', { x, y: node.y, width: MAP.bar, height: node.height, rx: 2 }),
      svg('text', { x: anchor === 'end' ? x - 6 : x + MAP.bar + 6, y: middle, 'text-anchor': anchor,
        'dominant-baseline': 'middle' }, name));
    return g;
  }

  /** An SVG element; attributes only (presentation attributes are not styles, so the page's CSP allows them). */
  function svg(name, attributes, text) {
    const element = document.createElementNS(SVG, name);
    for (const [attribute, value] of Object.entries(attributes)) {
      element.setAttribute(attribute, String(value));
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  // --- the loop -------------------------------------------------------------------------------------------------
  // One round at a time: the next starts REFRESH_MS after the last one ended, so a slow service slows the page down
  // instead of piling requests up behind it. Asking for a round while one runs (after a replay) queues one more. A
  // part that failed keeps its last figures, marked as not current (data-stale): "no open alerts" from a minute ago
  // must not pass for now.

  const PARTS = [
    ['flows', refreshFlows, '#flows-section, #departments-section, #counters > div:not(#alerts-counter)'],
    ['alerts', refreshAlerts, '#alerts-section, #alerts-counter'],
    ['burden', refreshBurden, '#burden'],
    ['dead letters', refreshDeadLetters, '#lanes-section, #dead-section'],
    ['services', refreshHealth, '#health-section'],
    ['jobs', refreshJobs, '#jobs-section'],
    ['backfills', refreshBackfills, '#backfills-section']];
  let running = false;
  let round = null;
  let again = false;
  let timer = null;
  let lastComplete = null;

  function refresh() {
    if (round) {
      again = true;
      return round;
    }
    clearTimeout(timer);
    $('refresh-line').dataset.busy = 'true';
    round = refreshAll().finally(() => {
      round = null;
      $('refresh-line').dataset.busy = 'false';
      if (again) {
        again = false;
        return refresh();
      }
      if (running) {
        timer = setTimeout(refresh, REFRESH_MS);
      }
      return undefined;
    });
    return round;
  }

  async function refreshAll() {
    const started = new Date();
    const outcomes = await Promise.allSettled(PARTS.map(([, part]) => part()));
    const failed = outcomes.map((o, i) => [PARTS[i][0], o]).filter(([, o]) => o.status === 'rejected');
    const refused = failed.find(([, o]) => o.reason.status === 401);
    if (refused) {
      refuseKey(refused[1].reason);
      return;
    }
    outcomes.forEach((o, i) => document.querySelectorAll(PARTS[i][2])
      .forEach((element) => { element.dataset.stale = String(o.status === 'rejected'); }));
    showErrors(failed.map(([name, o]) => name + ': ' + o.reason.message));
    showRefreshed(started, failed.map(([name]) => name));
  }

  function showRefreshed(at, failedParts) {
    if (!failedParts.length) {
      lastComplete = at;
    }
    $('refresh-line').dataset.state = failedParts.length ? 'failed' : 'ok';
    $('refreshed').textContent = at.toLocaleTimeString();
    $('refresh-outcome').textContent = failedParts.length
      ? '— failed: ' + failedParts.join(', ') + ' (see above); '
        + (lastComplete ? 'last complete refresh ' + lastComplete.toLocaleTimeString() : 'none complete yet')
      : '— complete; every ' + REFRESH_MS / 1000 + ' s';
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
    running = true;
    $('dashboard').hidden = false;
    say('Using the key from this tab.');
    refresh();
  }

  function stop() {
    running = false;
    clearTimeout(timer);
    timer = null;
  }

  function redrawFlowMap() {
    if (running && lastMap) {
      drawFlowMap(lastMap.flows, lastMap.departments);
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
    let resizing = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(redrawFlowMap, 150);
    });
    if (key()) {
      start();
    }
  }

  init();
})();
