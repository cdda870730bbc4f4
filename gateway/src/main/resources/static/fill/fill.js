// The cadre workspace: plain browser JavaScript, no framework, no build step, nothing loaded from elsewhere. Every
// call goes through the gateway's /api/** with the cadre's key as a bearer token; the page itself holds no data.
// The form is generated from the record type's JSON Schema (GET /api/forms/{type}); a known entity key fills it
// with the current version (fill once), and a correction sends a JSON Merge Patch of only what the cadre changed.
'use strict';

(() => {
  const KEY = 'fillonce.fill.key';
  const LANGUAGE = 'fillonce.fill.language';
  const ANSWER_WITHIN_MS = 30000;
  const RECEIPTS_EVERY_MS = 3000;
  const RECEIPTS_AT_MOST = 40;
  const JOB_EVERY_MS = 1000;
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
  const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const $ = (id) => document.getElementById(id);

  /** A message naming the field's own limit; none (the platform's own message is shown) when its schema has none. */
  const bound = (keyword, text) => (field) => (typeof field.schema[keyword] === 'number'
    ? text(field.schema[keyword]) : null);

  const TEXTS = {
    'zh-CN': {
      title: '填一次 · 基层工作台', languageHelp: '切换页面语言', keyLabel: '工作人员 API 密钥', useKey: '登录',
      forgetKey: '退出', keyHelp: '密钥只保存在本浏览器标签页中（会话存储），关闭标签页即清除。',
      chooseTitle: '选择表单', typeLabel: '表单',
      typeHelp: '先填写识别字段（如身份证号码）：平台已有的信息会自动填入，你只需补充或修改。',
      legendPlatform: '平台已有的数据', legendChanged: '你修改过的数据', submit: '提交', clear: '清空',
      receiptsTitle: '各部门接收情况', historyTitle: '修改记录', colDepartment: '部门', colChannel: '渠道',
      colVersion: '版本', colStatus: '状态', colWhen: '时间', colReason: '说明', colWho: '提交人',
      colChanges: '改动的字段', sheetsTitle: '用表格批量填报',
      sheetsHelp: '下载模板，按列填好后上传（XLSX、CSV 或 NDJSON）。每一行单独检查，被拒绝的行可以下载回来改正。',
      template: '下载模板（XLSX）', uploadLabel: '要上传的文件', upload: '上传', progressLabel: '处理进度',
      rejected: '下载被拒绝的行（XLSX）',
      ssoSignIn: '统一身份认证登录', ssoSigningIn: '正在通过统一身份认证登录…',
      ssoFailed: (why) => '统一身份认证登录未成功（' + why + '），请重试或使用密钥登录。',
      signedIn: '已登录。', signedOut: '已退出，密钥已从本标签页清除。', badKey: '密钥无效或已停用（401）。',
      notCadre: '这个密钥不是工作人员密钥，不能填报（403）。', loadingForms: '正在读取表单…',
      noForms: '还没有可填的表单。', choose: '请选择', yes: '是', no: '否', required: '必填',
      keyField: '识别字段', newRecord: '新记录：平台还没有这条信息，提交后建立。',
      found: (v) => '已找到平台上的记录（第 ' + v + ' 版），已自动填入。只需修改有变化的地方。',
      lookingUp: '正在查找平台上的记录…', notYours: '这条记录不在你的辖区内，不能查看或修改。',
      nothingChanged: '没有修改任何内容，无需提交。', fixFirst: '请先改正标出的字段。',
      created: (v) => '已提交，建立了第 ' + v + ' 版。各部门将自动收到，无需再填。',
      patched: (v) => '已提交修改，现在是第 ' + v + ' 版。只发送了你改动的字段。',
      same: (v) => '内容与第 ' + v + ' 版相同，没有产生新版本。',
      conflict: (v) => '提交前有人修改了这条记录（现在是第 ' + v + ' 版）。你填写的内容都还在；'
        + '与新版本不同的字段下方显示了新版本的值。请核对后再次提交。',
      newer: (value) => '新版本的值：' + value,
      newerEmpty: '新版本中此项为空',
      serverSays: '平台发现以下问题：', outsideRegion: '不在你的辖区内',
      receiptsWaiting: '等待平台转发给各部门…', receiptsNone: '没有部门订阅这类信息，或还没有回执。',
      receiptsLive: '每几秒自动刷新…', receiptsStable: '已全部处理完毕。',
      receiptsStopped: '仍有部门未确认，稍后可重新打开此记录查看。',
      historyNone: '还没有历史版本。', uploading: '正在上传…',
      jobState: (j) => '已处理 ' + j.linesRead + (j.linesTotal != null ? ' / ' + j.linesTotal : '') + ' 行：接受 '
        + j.accepted + ' 行，拒绝 ' + j.rejected + ' 行。',
      jobDone: '处理完毕。', jobFailed: (d) => '处理失败：' + (d || ''),
      burden: (f, n) => '你已为各部门免填 ' + f + ' 张表、' + n + ' 个字段。',
      unreachable: '无法连接平台，请稍后重试。', failed: (s) => '操作失败（' + s + '）：',
      status: { DELIVERED: '已送达', PENDING: '等待确认', DEAD: '投递失败', REPLAYING: '重新投递中',
        DISCARDED: '已放弃', SKIPPED: '未发送', WITHDRAWN: '已撤回', RETRACTED: '已注销' },
      channel: { topic: '消息主题', webhook: '接口推送', feed: '拉取', api: '表单填报', patch: '修改',
        batch: '表格导入' },
      rules: {
        required: () => '此项必填。',
        pattern: (f) => '格式不正确。' + (f.description ? f.description : ''),
        minLength: bound('minLength', (n) => '至少填写 ' + n + ' 个字符。'),
        maxLength: bound('maxLength', (n) => '最多填写 ' + n + ' 个字符。'),
        minimum: bound('minimum', (n) => '不能小于 ' + n + '。'),
        maximum: bound('maximum', (n) => '不能大于 ' + n + '。'),
        exclusiveMinimum: bound('exclusiveMinimum', (n) => '必须大于 ' + n + '。'),
        exclusiveMaximum: bound('exclusiveMaximum', (n) => '必须小于 ' + n + '。'),
        enum: () => '请从列表中选择。',
        type: (f) => (f.kind === 'integer' ? '请填写整数。' : f.kind === 'number' ? '请填写数字。' : '类型不正确。'),
        format: (f) => ({ date: '请填写有效日期（年-月-日）。', 'date-time': '请按 2026-12-07T09:30:00+08:00 的格式填写日期和时间。',
          email: '请填写有效的电子邮箱。' })[f.schema.format] || '格式不正确。',
        entityKey: () => '识别字段不能为空。',
        region: () => '不在你的辖区内：只能填报本辖区的信息。',
        additionalProperties: () => '表中没有这一项。',
      },
    },
    en: {
      title: 'Fill Once · cadre workspace', languageHelp: 'Switch the page language', keyLabel: 'Cadre API key',
      useKey: 'Sign in', forgetKey: 'Sign out',
      keyHelp: 'Kept in this browser tab only (session storage); closing the tab forgets it.',
      chooseTitle: 'Choose a form', typeLabel: 'Form',
      typeHelp: 'Fill in the identifying fields first (such as the ID number): what the platform already holds is '
        + 'filled in for you, you only add or correct.',
      legendPlatform: 'Already on the platform', legendChanged: 'Changed by you', submit: 'Submit', clear: 'Clear',
      receiptsTitle: 'Which departments received it', historyTitle: 'History', colDepartment: 'Department',
      colChannel: 'Channel', colVersion: 'Version', colStatus: 'Status', colWhen: 'When', colReason: 'Note',
      colWho: 'Submitted by', colChanges: 'Fields changed', sheetsTitle: 'Many records from a spreadsheet',
      sheetsHelp: 'Download the template, fill in its columns and upload it (XLSX, CSV or NDJSON). Every row is '
        + 'checked on its own; rejected rows can be downloaded to correct.',
      template: 'Download the template (XLSX)', uploadLabel: 'File to upload', upload: 'Upload',
      progressLabel: 'Progress', rejected: 'Download the rejected rows (XLSX)',
      ssoSignIn: 'Sign in with single sign-on', ssoSigningIn: 'Signing in with single sign-on…',
      ssoFailed: (why) => 'Single sign-on did not complete (' + why + '); try again, or sign in with a key.',
      signedIn: 'Signed in.', signedOut: 'Signed out; the key is gone from this tab.',
      badKey: 'This key is unknown or revoked (401).',
      notCadre: 'This key is not a cadre\'s: it cannot fill forms (403).',
      loadingForms: 'Reading the forms…', noForms: 'No forms to fill yet.', choose: 'Choose', yes: 'Yes', no: 'No',
      required: 'required', keyField: 'identifies the record',
      newRecord: 'A new record: the platform does not hold it yet; submitting creates it.',
      found: (v) => 'Found on the platform (version ' + v + ') and filled in. Change only what has changed.',
      lookingUp: 'Looking for the record on the platform…',
      notYours: 'This record is outside your region: you may not read or correct it.',
      nothingChanged: 'Nothing changed: there is nothing to submit.', fixFirst: 'Please correct the marked fields.',
      created: (v) => 'Submitted as version ' + v + '. The departments receive it without anyone typing it again.',
      patched: (v) => 'Correction submitted: now version ' + v + '. Only the fields you changed were sent.',
      same: (v) => 'Same as version ' + v + ': no new version.',
      conflict: (v) => 'Someone changed this record before you submitted (it is now version ' + v + '). Everything '
        + 'you typed is still here; where the new version differs, its value is shown below the field. Check, then '
        + 'submit again.',
      newer: (value) => 'In the new version: ' + value, newerEmpty: 'Empty in the new version',
      serverSays: 'The platform found these problems:', outsideRegion: 'outside your region',
      receiptsWaiting: 'Waiting for the platform to pass it on…',
      receiptsNone: 'No department subscribes to this kind of record, or no receipts yet.',
      receiptsLive: 'Refreshing every few seconds…', receiptsStable: 'All handled.',
      receiptsStopped: 'Some departments have not confirmed yet; open the record again later to see.',
      historyNone: 'No versions yet.', uploading: 'Uploading…',
      jobState: (j) => j.linesRead + (j.linesTotal != null ? ' of ' + j.linesTotal : '') + ' rows read: '
        + j.accepted + ' accepted, ' + j.rejected + ' rejected.',
      jobDone: 'Done.', jobFailed: (d) => 'The upload failed: ' + (d || ''),
      burden: (f, n) => 'You spared departments ' + f + ' forms, ' + n + ' fields.',
      unreachable: 'The platform cannot be reached; try again shortly.', failed: (s) => 'That failed (' + s + '): ',
      status: {}, channel: {},
      rules: {
        required: () => 'Required.',
        pattern: (f) => 'Not in the expected form. ' + (f.description || ''),
        minLength: bound('minLength', (n) => 'At least ' + n + ' characters.'),
        maxLength: bound('maxLength', (n) => 'At most ' + n + ' characters.'),
        minimum: bound('minimum', (n) => 'Must be at least ' + n + '.'),
        maximum: bound('maximum', (n) => 'Must be at most ' + n + '.'),
        exclusiveMinimum: bound('exclusiveMinimum', (n) => 'Must be more than ' + n + '.'),
        exclusiveMaximum: bound('exclusiveMaximum', (n) => 'Must be less than ' + n + '.'),
        enum: () => 'Choose one from the list.',
        type: (f) => (f.kind === 'integer' ? 'A whole number, please.' : f.kind === 'number' ? 'A number, please.'
          : 'Wrong type.'),
        format: (f) => ({ date: 'A valid date (year-month-day), please.',
          'date-time': 'A date and time like 2026-12-07T09:30:00+08:00, please.',
          email: 'A valid email address, please.' })[f.schema.format] || 'Not in the expected form.',
        entityKey: () => 'An identifying field cannot be empty.',
        region: () => 'Outside your region: you submit only records of your own region.',
        additionalProperties: () => 'This form has no such field.',
      },
    },
  };

  let language = chosenLanguage();
  let forms = [];
  /** The open form: its definition (GET /api/forms/{type}), its fields and its labels by JSON Pointer. */
  let form = null;
  /** The entity as the platform holds it: { entityKey, version, etag, data }, or null for a new record. */
  let current = null;
  let receiptsTimer = null;
  /** Counts the receipt followings started: an answer that arrives for an earlier one is dropped. */
  let receiptsFollowing = 0;
  let jobTimer = null;
  let rejectedPath = null;

  const t = (name) => TEXTS[language][name] ?? TEXTS.en[name];

  function chosenLanguage() {
    const kept = sessionStorage.getItem(LANGUAGE);
    if (kept === 'zh-CN' || kept === 'en') {
      return kept;
    }
    const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    return preferred.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  }

  // --- HTTP -----------------------------------------------------------------------------------------------------

  const { ApiError } = fillOnceApi;

  const key = () => sessionStorage.getItem(KEY) || '';
  const segment = (value) => encodeURIComponent(value);

  /** Calls the API (shared/api.js) with the cadre's key; answers { status, headers, body }, a 4xx or 5xx throws. */
  const call = (path, options = {}) => fillOnceApi.call(path,
    { key: key(), withinMs: ANSWER_WITHIN_MS, unreachable: () => t('unreachable'), ...options });

  /** Fetches a file with the key and saves it, as a link cannot carry the Authorization header. */
  async function download(path, filename) {
    const answer = await call(path, { binary: true, headers: { Accept: XLSX + ', application/problem+json' } });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(answer.body);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  }

  // --- messages -------------------------------------------------------------------------------------------------

  function say(text) {
    $('status').textContent = text || '';
    delete $('status').dataset.text;
  }

  /** Says one of the page's fixed texts, which a language switch says again in the other language. */
  function sayText(name) {
    say(t(name));
    $('status').dataset.text = name;
  }

  function showError(error) {
    const box = $('error');
    if (!error) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    const message = error instanceof ApiError ? errorText(error) : String(error.message || error);
    box.textContent = message;
    box.hidden = false;
  }

  function errorText(error) {
    if (error.status === 401) {
      return t('badKey');
    }
    if (error.status === 403 && !(error.problem && Array.isArray(error.problem.errors))) {
      return t('notCadre');
    }
    return error.status === 0 ? error.message : t('failed')(error.status) + error.message;
  }

  // --- labels from the schema -----------------------------------------------------------------------------------

  /** x-l10n[language].title, else title, else the name (the agreed reading of titles in two languages). */
  function label(schema, name) {
    const local = schema && schema['x-l10n'] && schema['x-l10n'][language];
    return (local && local.title) || (schema && schema.title) || name;
  }

  function description(schema) {
    const local = schema && schema['x-l10n'] && schema['x-l10n'][language];
    return (local && local.description) || (schema && schema.description) || '';
  }

  function enumLabel(schema, value) {
    const local = schema['x-l10n'] && schema['x-l10n'][language];
    const titles = local && local.enumTitles;
    return titles && titles[value] !== undefined ? titles[value] + ' (' + value + ')' : String(value);
  }

  function applyTexts() {
    document.documentElement.lang = language;
    document.title = t('title');
    document.querySelectorAll('[data-text]').forEach((element) => {
      element.textContent = t(element.dataset.text);
    });
    const other = language === 'zh-CN' ? 'en' : 'zh-CN';
    $('language').textContent = other === 'en' ? 'English' : '中文';
    $('language').lang = other;
  }

  // --- signing in and choosing a form ---------------------------------------------------------------------------

  async function start() {
    showError(null);
    sayText('loadingForms');
    try {
      forms = (await call('/api/forms')).body.forms || [];
    } catch (e) {
      $('workspace').hidden = true;
      say('');
      showError(e);
      return;
    }
    $('workspace').hidden = false;
    sayText('signedIn');
    fillTypeChoice();
    showBurden();
  }

  function fillTypeChoice() {
    const select = $('type');
    const chosen = select.value;
    select.replaceChildren(new Option(forms.length ? t('choose') : t('noForms'), ''));
    for (const entry of forms) {
      select.appendChild(new Option(label(entry, entry.type), entry.type));
    }
    select.value = forms.some((entry) => entry.type === chosen) ? chosen : '';
  }

  async function showBurden() {
    const line = $('burden');
    try {
      const mine = (await call('/api/burden/mine')).body;
      line.textContent = t('burden')(mine.forms, mine.fields);
      line.dataset.forms = mine.forms;
      line.dataset.fields = mine.fields;
      line.hidden = false;
    } catch (e) {
      // the figure is a courtesy: when sync cannot answer just now, the line stays hidden rather than wrong
      line.hidden = true;
    }
  }

  async function openForm(type) {
    stopReceipts();
    current = null;
    form = null;
    for (const id of ['form-section', 'receipts-section', 'history-section', 'sheets-section']) {
      $(id).hidden = true;
    }
    if (!type) {
      return;
    }
    showError(null);
    try {
      const definition = (await call('/api/forms/' + segment(type))).body;
      form = { definition, fields: new Map(), labels: new Map() };
      renderForm(new Map());
      $('form-section').hidden = false;
      $('sheets-section').hidden = false;
      resetRecordState();
    } catch (e) {
      showError(e);
    }
  }

  // --- the form, generated from the JSON Schema -----------------------------------------------------------------

  /** Builds the form; {@code values} (pointer -> text) are put back, e.g. after a language switch. */
  function renderForm(values) {
    const schema = form.definition.schema;
    $('form-title').textContent = label(schema, form.definition.type);
    form.fields = new Map();
    form.labels = new Map();
    const root = document.createDocumentFragment();
    renderProperties(schema, '', root, true);
    $('fields').replaceChildren(root);
    for (const [pointer, field] of form.fields) {
      if (values.has(pointer)) {
        field.input.value = values.get(pointer);
      }
      markOrigin(field);
    }
  }

  function renderProperties(schema, pointer, container, required) {
    const requiredNames = new Set(schema.required || []);
    for (const [name, property] of Object.entries(schema.properties || {})) {
      const child = pointer + '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');
      const mustFill = required && requiredNames.has(name);
      if (property.type === 'object' && property.properties) {
        const fieldset = document.createElement('fieldset');
        const legend = fieldset.appendChild(document.createElement('legend'));
        legend.textContent = label(property, name);
        form.labels.set(child, legend.textContent);
        const help = description(property);
        if (help) {
          fieldset.appendChild(helpText(help, 'help-' + idOf(child)));
        }
        renderProperties(property, child, fieldset, mustFill);
        container.appendChild(fieldset);
      } else {
        container.appendChild(renderField(name, property, child, mustFill, pointer === ''));
      }
    }
  }

  const idOf = (pointer) => 'f' + pointer.replace(/[^A-Za-z0-9_-]/g, (c) => '_' + c.charCodeAt(0).toString(16));

  function helpText(text, id) {
    const p = document.createElement('p');
    p.className = 'help';
    p.id = id;
    p.textContent = text;
    return p;
  }

  function renderField(name, schema, pointer, required, topLevel) {
    const id = idOf(pointer);
    const kind = Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;
    const isKey = topLevel && (form.definition.entityKey || []).includes(name);
    const wrapper = document.createElement('div');
    wrapper.className = 'field' + (isKey ? ' entity-key' : '');
    wrapper.dataset.pointer = pointer;
    const labelElement = wrapper.appendChild(document.createElement('label'));
    labelElement.htmlFor = id;
    labelElement.textContent = label(schema, name);
    form.labels.set(pointer, labelElement.textContent);
    if (required) {
      const mark = labelElement.appendChild(document.createElement('span'));
      mark.className = 'required';
      mark.textContent = ' *';
      mark.title = t('required');
      labelElement.appendChild(visuallyHidden(' (' + t('required') + ')'));
    }
    if (isKey) {
      labelElement.appendChild(visuallyHidden(' (' + t('keyField') + ')'));
    }
    const input = wrapper.appendChild(control(schema, kind, id, required));
    const describedBy = [];
    const help = description(schema);
    if (help) {
      wrapper.appendChild(helpText(help, id + '-help'));
      describedBy.push(id + '-help');
    }
    const problem = wrapper.appendChild(document.createElement('p'));
    problem.className = 'field-error';
    problem.id = id + '-error';
    problem.hidden = true;
    describedBy.push(problem.id);
    const newer = wrapper.appendChild(document.createElement('p'));
    newer.className = 'newer';
    newer.hidden = true;
    input.setAttribute('aria-describedby', describedBy.join(' '));
    const field = { name, pointer, schema, kind, input, wrapper, problem, newer, required, isKey,
      description: help };
    form.fields.set(pointer, field);
    input.addEventListener('input', () => markOrigin(field));
    input.addEventListener('change', () => {
      markOrigin(field);
      if (isKey) {
        lookUp();
      }
    });
    return wrapper;
  }

  function visuallyHidden(text) {
    const span = document.createElement('span');
    span.className = 'visually-hidden';
    span.textContent = text;
    return span;
  }

  function control(schema, kind, id, required) {
    let input;
    if (Array.isArray(schema.enum) || kind === 'boolean') {
      input = document.createElement('select');
      input.appendChild(new Option('—', ''));
      const values = Array.isArray(schema.enum) ? schema.enum : [true, false];
      for (const value of values) {
        const text = kind === 'boolean' && !Array.isArray(schema.enum) ? t(value ? 'yes' : 'no')
          : enumLabel(schema, value);
        input.appendChild(new Option(text, String(value)));
      }
    } else {
      input = document.createElement('input');
      input.type = inputType(schema, kind);
      if (kind === 'integer' || kind === 'number') {
        input.step = kind === 'integer' ? '1' : 'any';
        input.inputMode = kind === 'integer' ? 'numeric' : 'decimal';
        for (const bound of ['minimum', 'maximum']) {
          if (typeof schema[bound] === 'number') {
            input[bound === 'minimum' ? 'min' : 'max'] = String(schema[bound]);
          }
        }
      }
      if (typeof schema.minLength === 'number') {
        input.minLength = schema.minLength;
      }
      if (typeof schema.maxLength === 'number') {
        input.maxLength = schema.maxLength;
      }
      if (schema.pattern && browserAccepts(schema.pattern)) {
        input.pattern = schema.pattern.replace(/^\^/, '').replace(/\$$/, '');
      }
      if (schema.format === 'date-time') {
        input.placeholder = '2026-12-07T09:30:00+08:00';
      }
    }
    input.id = id;
    input.name = id;
    input.required = required;
    return input;
  }

  function inputType(schema, kind) {
    if (kind === 'integer' || kind === 'number') {
      return 'number';
    }
    return ({ date: 'date', email: 'email' })[schema.format] || 'text';
  }

  /** The pattern attribute is compiled with the v flag, which refuses some patterns JSON Schema allows. */
  function browserAccepts(pattern) {
    try {
      new RegExp(pattern, 'v');
      return true;
    } catch (e) {
      return false;
    }
  }

  // --- values ---------------------------------------------------------------------------------------------------

  /** The text a field shows for a JSON value. */
  function asText(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  function valueAt(data, pointer) {
    let node = data;
    for (const token of pointer.split('/').slice(1)) {
      const name = token.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !(name in node)) {
        return undefined;
      }
      node = node[name];
    }
    return node;
  }

  function setAt(target, pointer, value) {
    const names = pointer.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = target;
    names.slice(0, -1).forEach((name) => {
      node = node[name] = node[name] && typeof node[name] === 'object' ? node[name] : {};
    });
    node[names[names.length - 1]] = value;
  }

  /** The JSON value of a field's text, as its schema types it (checked beforehand). */
  function jsonValue(field) {
    const text = field.input.value.trim();
    if (field.kind === 'integer' || field.kind === 'number') {
      return Number(text);
    }
    if (field.kind === 'boolean') {
      return text === 'true';
    }
    if (Array.isArray(field.schema.enum)) {
      return field.schema.enum.find((value) => String(value) === text);
    }
    return text;
  }

  /** Whether the field differs from the platform's current version (or holds anything, for a new record). */
  function changed(field) {
    const original = current ? asText(valueAt(current.data, field.pointer)) : '';
    return field.input.value.trim() !== original;
  }

  function markOrigin(field) {
    const fromPlatform = current !== null && valueAt(current.data, field.pointer) !== undefined;
    const edited = current !== null && changed(field);
    field.wrapper.classList.toggle('from-platform', fromPlatform && !edited);
    field.wrapper.classList.toggle('changed', edited);
    field.input.dataset.origin = edited ? 'changed' : fromPlatform ? 'platform' : '';
  }

  // --- fill once: look the entity up by its key -----------------------------------------------------------------

  function entityKey() {
    const parts = [];
    for (const name of form.definition.entityKey || []) {
      const field = form.fields.get('/' + name.replace(/~/g, '~0').replace(/\//g, '~1'));
      const value = field ? field.input.value.trim() : '';
      if (!value) {
        return null;
      }
      parts.push(value);
    }
    return parts.length ? parts.join('|') : null;
  }

  async function lookUp() {
    const entity = entityKey();
    if (!entity || (current && current.entityKey === entity)) {
      return;
    }
    const type = form.definition.type;
    $('record-state').textContent = t('lookingUp');
    showError(null);
    try {
      const answer = await call('/api/records/' + segment(type) + '/' + segment(entity));
      if (!form || form.definition.type !== type || entityKey() !== entity) {
        return;
      }
      load(answer.body, answer.headers.get('ETag'), false);
      refreshHistory();
      followReceipts(false);
    } catch (e) {
      if (e.status === 404) {
        resetRecordState();
        $('record-state').textContent = t('newRecord');
        return;
      }
      $('record-state').textContent = '';
      showError(e);
    }
  }

  /**
   * Takes the platform's version as the form's basis. With {@code keepTyped}, what the cadre changed against the old
   * basis stays in the form (a 412), and the newer value is shown below each such field that the new version changed.
   */
  function load(record, etag, keepTyped) {
    const before = current;
    current = { entityKey: record.entityKey, version: record.version, etag: etag || '"' + record.version + '"',
      data: record.data || {} };
    for (const field of form.fields.values()) {
      const newest = valueAt(current.data, field.pointer);
      const typed = field.input.value.trim();
      const basis = before ? asText(valueAt(before.data, field.pointer)) : '';
      const edited = keepTyped && before && typed !== basis;
      field.newer.hidden = true;
      if (edited) {
        if (asText(newest) !== basis && asText(newest) !== typed) {
          field.newer.textContent = newest === undefined || newest === null ? t('newerEmpty')
            : t('newer')(displayed(field, newest));
          field.newer.hidden = false;
        }
      } else {
        field.input.value = asText(newest);
      }
      clearProblem(field);
      markOrigin(field);
    }
    $('origin-legend').hidden = false;
    $('record-state').textContent = t('found')(current.version);
    $('record-state').dataset.version = current.version;
  }

  function displayed(field, value) {
    return Array.isArray(field.schema.enum) ? enumLabel(field.schema, value) : asText(value);
  }

  function resetRecordState() {
    current = null;
    $('origin-legend').hidden = true;
    $('conflict').hidden = true;
    $('record-state').textContent = '';
    delete $('record-state').dataset.version;
    if (form) {
      form.fields.forEach((field) => {
        field.newer.hidden = true;
        markOrigin(field);
      });
    }
  }

  // --- checks in the page, the same rules the platform applies ---------------------------------------------------

  function check(field) {
    const text = field.input.value.trim();
    const schema = field.schema;
    if (!text) {
      return field.required ? 'required' : null;
    }
    if ((field.kind === 'integer' || field.kind === 'number')
        && (!Number.isFinite(Number(text)) || (field.kind === 'integer' && !Number.isInteger(Number(text))))) {
      return 'type';
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((value) => String(value) === text)) {
      return 'enum';
    }
    if (field.kind === 'integer' || field.kind === 'number') {
      const number = Number(text);
      return typeof schema.minimum === 'number' && number < schema.minimum ? 'minimum'
        : typeof schema.maximum === 'number' && number > schema.maximum ? 'maximum'
          : typeof schema.exclusiveMinimum === 'number' && number <= schema.exclusiveMinimum ? 'exclusiveMinimum'
            : typeof schema.exclusiveMaximum === 'number' && number >= schema.exclusiveMaximum ? 'exclusiveMaximum'
              : null;
    }
    const length = [...text].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      return 'minLength';
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      return 'maxLength';
    }
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(text)) {
      return 'pattern';
    }
    return formatBroken(schema.format, text) ? 'format' : null;
  }

  function formatBroken(format, text) {
    if (format === 'date') {
      return !DATE.test(text) || Number.isNaN(Date.parse(text + 'T00:00:00Z'))
        || new Date(text + 'T00:00:00Z').toISOString().slice(0, 10) !== text;
    }
    if (format === 'date-time') {
      return !DATE_TIME.test(text) || Number.isNaN(Date.parse(text));
    }
    return format === 'email' && !EMAIL.test(text);
  }

  /** The page's own words for a rule it knows, else the platform's message (English), else the rule's name. */
  function showProblem(field, rule, serverMessage) {
    const known = t('rules')[rule];
    field.problem.textContent = (known && known(field)) || serverMessage || rule;
    field.problem.dataset.rule = rule;
    field.problem.dataset.server = serverMessage || '';
    field.problem.hidden = false;
    field.wrapper.classList.add('invalid');
    field.input.setAttribute('aria-invalid', 'true');
  }

  function clearProblem(field) {
    field.problem.hidden = true;
    field.problem.textContent = '';
    delete field.problem.dataset.rule;
    delete field.problem.dataset.server;
    field.wrapper.classList.remove('invalid');
    field.input.removeAttribute('aria-invalid');
  }

  function clearProblems() {
    form.fields.forEach(clearProblem);
    $('form-problems').hidden = true;
    $('form-problems').replaceChildren();
  }

  /** The server's 422 (or a region 403): each error beside its field, in the page's language for a known rule. */
  function showServerProblems(problem) {
    const leftOver = [];
    for (const error of problem.errors || []) {
      const field = form.fields.get(error.pointer) || parentField(error.pointer);
      if (field) {
        showProblem(field, error.rule, error.message);
      } else {
        leftOver.push((error.pointer || '/') + ': ' + error.message);
      }
    }
    const box = $('form-problems');
    box.replaceChildren(document.createTextNode(leftOver.length ? t('serverSays') : t('fixFirst')));
    if (leftOver.length) {
      const list = box.appendChild(document.createElement('ul'));
      leftOver.forEach((text) => {
        list.appendChild(document.createElement('li')).textContent = text;
      });
    }
    box.hidden = false;
    focusFirstProblem();
  }

  function parentField(pointer) {
    for (const [fieldPointer, field] of form.fields) {
      if (pointer && pointer.startsWith(fieldPointer + '/')) {
        return field;
      }
    }
    return null;
  }

  function focusFirstProblem() {
    const first = [...form.fields.values()].find((field) => !field.problem.hidden);
    if (first) {
      first.input.focus();
    }
  }

  // --- submitting -----------------------------------------------------------------------------------------------

  async function submit(event) {
    event.preventDefault();
    showError(null);
    clearProblems();
    let broken = 0;
    for (const field of form.fields.values()) {
      const rule = check(field);
      if (rule) {
        showProblem(field, rule);
        broken++;
      }
    }
    if (broken) {
      $('form-problems').textContent = t('fixFirst');
      $('form-problems').hidden = false;
      focusFirstProblem();
      return;
    }
    const type = form.definition.type;
    const entity = entityKey();
    if (current && current.entityKey === entity) {
      await correct(type);
    } else {
      await create(type);
    }
  }

  async function create(type) {
    const record = {};
    for (const field of form.fields.values()) {
      if (field.input.value.trim()) {
        setAt(record, field.pointer, jsonValue(field));
      }
    }
    await send(type, '/api/records/' + segment(type), { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(record) }, 'created');
  }

  /** JSON Merge Patch (RFC 7396) of only the changed fields: a value sets a member, null removes one. */
  async function correct(type) {
    const patch = {};
    let count = 0;
    for (const field of form.fields.values()) {
      if (changed(field)) {
        setAt(patch, field.pointer, field.input.value.trim() ? jsonValue(field) : null);
        count++;
      }
    }
    if (!count) {
      sayText('nothingChanged');
      return;
    }
    await send(type, '/api/records/' + segment(type) + '/' + segment(current.entityKey), { method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': current.etag },
      body: JSON.stringify(patch) }, 'patched');
  }

  async function send(type, path, request, done) {
    const button = $('submit');
    button.disabled = true;
    try {
      const answer = await call(path, request);
      const receipt = answer.body;
      $('conflict').hidden = true;
      const record = await call('/api/records/' + segment(type) + '/' + segment(receipt.entityKey));
      load(record.body, record.headers.get('ETag'), false);
      say(answer.status === 200 ? t('same')(receipt.version) : t(done)(receipt.version));
      $('record-state').textContent = answer.status === 200 ? t('same')(receipt.version) : t(done)(receipt.version);
      refreshHistory();
      followReceipts(true, receipt.version);
    } catch (e) {
      await failed(e, type);
    } finally {
      button.disabled = false;
    }
  }

  async function failed(error, type) {
    if (error.status === 412) {
      try {
        const newest = await call('/api/records/' + segment(type) + '/' + segment(current.entityKey));
        load(newest.body, newest.headers.get('ETag'), true);
        $('conflict').textContent = t('conflict')(newest.body.version);
        $('conflict').hidden = false;
        $('conflict').focus();
        refreshHistory();
      } catch (e) {
        showError(e);
      }
      return;
    }
    if (error.problem && Array.isArray(error.problem.errors) && error.problem.errors.length) {
      showServerProblems(error.problem);
      return;
    }
    showError(error);
  }

  // --- receipts and history -------------------------------------------------------------------------------------

  function stopReceipts() {
    clearTimeout(receiptsTimer);
    receiptsTimer = null;
    receiptsFollowing++;
  }

  /** Polls the receipts every few seconds until two answers agree and none is still on its way. */
  function followReceipts(justSubmitted, version) {
    stopReceipts();
    const following = receiptsFollowing;
    const type = form.definition.type;
    const entity = current.entityKey;
    let previous = null;
    let rounds = 0;
    let unanswered = '';
    $('receipts-section').hidden = false;
    $('receipts-state').textContent = justSubmitted ? t('receiptsWaiting') : t('receiptsLive');
    const round = async () => {
      rounds++;
      let receipts = null;
      let failed = false;
      try {
        receipts = (await call('/api/records/' + segment(type) + '/' + segment(entity) + '/receipts')).body.receipts;
      } catch (e) {
        // 404: sync has not seen the version yet; 5xx or no answer: sync is busy or restarting, so ask again
        if (following !== receiptsFollowing) {
          return;
        }
        if (e.status === 401 || e.status === 403) {
          $('receipts-state').textContent = errorText(e);
          return;
        }
        failed = e.status !== 404;
        unanswered = failed ? errorText(e) : '';
      }
      if (following !== receiptsFollowing) {
        return;
      }
      showReceipts(receipts || []);
      const seen = JSON.stringify(receipts);
      const reached = receipts !== null && (!version || receipts.some((r) => r.version >= version) || !justSubmitted);
      const settled = reached && seen === previous
        && !receipts.some((r) => r.status === 'PENDING' || r.status === 'REPLAYING');
      if (settled || (!justSubmitted && receipts === null && !failed)) {
        $('receipts-state').textContent = receipts && receipts.length ? t('receiptsStable') : t('receiptsNone');
        $('receipts-state').dataset.state = 'stable';
        return;
      }
      if (rounds >= RECEIPTS_AT_MOST) {
        $('receipts-state').textContent = t('receiptsStopped') + (unanswered ? ' ' + unanswered : '');
        $('receipts-state').dataset.state = 'stopped';
        return;
      }
      previous = seen;
      $('receipts-state').textContent = receipts === null ? t('receiptsWaiting') : t('receiptsLive');
      $('receipts-state').dataset.state = 'live';
      receiptsTimer = setTimeout(round, RECEIPTS_EVERY_MS);
    };
    round();
  }

  function showReceipts(receipts) {
    const statuses = t('status');
    const channels = t('channel');
    fillTable('receipts', receipts.map((r) => [r.department, channels[r.channel] || r.channel, r.version,
      statuses[r.status] ? statuses[r.status] + ' (' + r.status + ')' : r.status, when(r.deliveredAt),
      r.reason]), t('receiptsNone'));
  }

  async function refreshHistory() {
    const type = form.definition.type;
    try {
      const history = (await call('/api/records/' + segment(type) + '/' + segment(current.entityKey)
        + '/history')).body;
      const channels = t('channel');
      fillTable('history', history.versions.slice().reverse().map((v) => [v.version, v.submittedBy,
        when(v.submittedAt), channels[v.channel] || v.channel, changedFields(v.changes)]), t('historyNone'));
      $('history-section').hidden = false;
    } catch (e) {
      $('history-section').hidden = true;
    }
  }

  function changedFields(changes) {
    if (!changes) {
      return '';
    }
    const pointers = [...(changes.added || []), ...(changes.changed || []), ...(changes.removed || [])];
    return pointers.map((pointer) => form.labels.get(pointer) || pointer).join(language === 'zh-CN' ? '、' : ', ');
  }

  const when = (instant) => (instant ? new Date(instant).toLocaleString(language) : '');

  function fillTable(id, rows, emptyText) {
    const body = $(id).tBodies[0];
    body.replaceChildren();
    if (!rows.length) {
      const cell = body.appendChild(document.createElement('tr')).appendChild(document.createElement('td'));
      cell.colSpan = $(id).tHead.rows[0].cells.length;
      cell.textContent = emptyText;
      return;
    }
    for (const row of rows) {
      const tr = body.appendChild(document.createElement('tr'));
      for (const content of row) {
        tr.appendChild(document.createElement('td')).textContent = content === null || content === undefined
          || content === '' ? '—' : String(content);
      }
    }
  }

  // --- spreadsheets ---------------------------------------------------------------------------------------------

  async function downloadTemplate() {
    showError(null);
    const type = form.definition.type;
    try {
      await download('/api/forms/' + segment(type) + '/template.xlsx', type + '-template.xlsx');
    } catch (e) {
      showError(e);
    }
  }

  function uploadType(file) {
    const name = file.name.toLowerCase();
    if (name.endsWith('.xlsx')) {
      return XLSX;
    }
    return name.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson';
  }

  async function upload(event) {
    event.preventDefault();
    showError(null);
    const file = $('upload-file').files[0];
    if (!file) {
      return;
    }
    clearTimeout(jobTimer);
    rejectedPath = null;
    $('rejected').hidden = true;
    $('upload-progress').hidden = false;
    $('upload-bar').removeAttribute('value');
    $('upload-state').textContent = t('uploading');
    delete $('upload-state').dataset.state;
    try {
      const answer = await call('/api/records/' + segment(form.definition.type) + '/batch', { method: 'POST',
        headers: { 'Content-Type': uploadType(file) }, body: file });
      followJob(answer.headers.get('Location'), answer.body);
    } catch (e) {
      $('upload-progress').hidden = true;
      showError(e);
    }
  }

  function followJob(location, first) {
    const show = (job) => {
      const bar = $('upload-bar');
      if (job.linesTotal !== null && job.linesTotal !== undefined) {
        bar.max = Math.max(job.linesTotal, 1);
        bar.value = Math.min(job.linesRead, bar.max);
      }
      $('upload-state').dataset.state = job.state;
      $('upload-state').textContent = t('jobState')(job) + ' '
        + (job.state === 'DONE' ? t('jobDone') : job.state === 'FAILED' ? t('jobFailed')(job.detail) : '');
      if (job.state !== 'RUNNING') {
        bar.max = 1;
        bar.value = 1;
        if (job.rejected > 0) {
          rejectedPath = location + '/rejected.xlsx';
          $('rejected').hidden = false;
        }
        return true;
      }
      return false;
    };
    if (first && show(first)) {
      return;
    }
    const poll = async () => {
      try {
        if (!show((await call(location + '?limit=1')).body)) {
          jobTimer = setTimeout(poll, JOB_EVERY_MS);
        }
      } catch (e) {
        showError(e);
      }
    };
    jobTimer = setTimeout(poll, JOB_EVERY_MS);
  }

  async function downloadRejected() {
    showError(null);
    try {
      await download(rejectedPath, form.definition.type + '-rejected.xlsx');
    } catch (e) {
      showError(e);
    }
  }

  // --- language -------------------------------------------------------------------------------------------------

  function switchLanguage() {
    language = language === 'zh-CN' ? 'en' : 'zh-CN';
    sessionStorage.setItem(LANGUAGE, language);
    applyTexts();
    if ($('status').dataset.text) {
      sayText($('status').dataset.text);
    }
    if (!$('workspace').hidden) {
      fillTypeChoice();
      showBurden();
    }
    if (form) {
      const values = new Map([...form.fields].map(([pointer, field]) => [pointer, field.input.value]));
      const problems = [...form.fields.values()].filter((field) => !field.problem.hidden)
        .map((field) => [field.pointer, field.problem.dataset.rule, field.problem.dataset.server]);
      const newer = [...form.fields.values()].filter((field) => !field.newer.hidden).map((field) => field.pointer);
      renderForm(values);
      problems.forEach(([pointer, rule, server]) => showProblem(form.fields.get(pointer), rule, server));
      if (current) {
        $('record-state').textContent = t('found')(current.version);
        $('origin-legend').hidden = false;
        newer.forEach((pointer) => {
          const field = form.fields.get(pointer);
          const newest = valueAt(current.data, pointer);
          field.newer.textContent = newest === undefined || newest === null ? t('newerEmpty')
            : t('newer')(displayed(field, newest));
          field.newer.hidden = false;
        });
        refreshHistory();
        followReceipts(false);
      }
    }
    $('language').focus();
  }

  // --- single sign-on, where the gateway offers it ---------------------------------------------------------------
  // The gateway names an OAuth2 issuer and a public client (sign-in.json, a 404 where there is none). The cadre signs
  // in there with the authorization code flow and PKCE (S256): only this tab, holding the verifier, can exchange the
  // code; the access token then goes to the gateway as the bearer token, as a key would.

  const SIGN_IN = 'fillonce.fill.sign-in';
  let signOn = null;

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

  /** The gateway's sign-on settings ({ issuer, clientId }), or null where it offers none. */
  async function singleSignOn() {
    const answer = await fetch('sign-in.json', { cache: 'no-store' }).catch(() => null);
    return answer && answer.ok ? answer.json() : null;
  }

  /** The issuer's endpoints, from its OpenID discovery document. */
  async function endpoints(issuer) {
    const answer = await fetch(issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration');
    if (!answer.ok) {
      throw new Error(t('ssoFailed')('discovery ' + answer.status));
    }
    return answer.json();
  }

  async function signInAtIssuer() {
    showError(null);
    sayText('ssoSigningIn');
    try {
      const issuer = await endpoints(signOn.issuer);
      const verifier = randomText();
      const state = randomText();
      const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      const redirect = location.origin + location.pathname;
      sessionStorage.setItem(SIGN_IN, JSON.stringify({ verifier, state, redirect }));
      const query = new URLSearchParams({ response_type: 'code', client_id: signOn.clientId, redirect_uri: redirect,
        scope: 'openid', state, code_challenge: challenge, code_challenge_method: 'S256' });
      location.assign(issuer.authorization_endpoint + '?' + query);
    } catch (e) {
      say('');
      showError(e);
    }
  }

  /** Back from the issuer (?code or ?error): the code exchanged for an access token. False when not coming back. */
  async function finishSignIn() {
    const answer = new URLSearchParams(location.search);
    if (!answer.has('code') && !answer.has('error')) {
      return false;
    }
    const pending = JSON.parse(sessionStorage.getItem(SIGN_IN) || 'null');
    sessionStorage.removeItem(SIGN_IN);
    history.replaceState(null, '', location.pathname);
    try {
      if (answer.has('error') || !signOn || !pending || pending.state !== answer.get('state')) {
        throw new Error(t('ssoFailed')(answer.get('error_description') || answer.get('error') || 'state'));
      }
      sayText('ssoSigningIn');
      const issuer = await endpoints(signOn.issuer);
      const token = await fetch(issuer.token_endpoint, { method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: answer.get('code'),
          redirect_uri: pending.redirect, client_id: signOn.clientId, code_verifier: pending.verifier }) });
      const accessToken = token.ok ? (await token.json()).access_token : null;
      if (!accessToken) {
        throw new Error(t('ssoFailed')('token ' + token.status));
      }
      sessionStorage.setItem(KEY, accessToken);
      start();
    } catch (e) {
      say('');
      showError(e);
    }
    return true;
  }

  // --- wiring ---------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    applyTexts();
    $('language').addEventListener('click', switchLanguage);
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, $('api-key').value.trim());
      $('api-key').value = '';
      start();
    });
    $('forget-key').addEventListener('click', () => {
      sessionStorage.removeItem(KEY);
      stopReceipts();
      clearTimeout(jobTimer);
      $('workspace').hidden = true;
      form = null;
      current = null;
      showError(null);
      sayText('signedOut');
    });
    $('type').addEventListener('change', () => openForm($('type').value));
    $('record-form').addEventListener('submit', submit);
    $('clear').addEventListener('click', () => {
      form.fields.forEach((field) => {
        field.input.value = '';
      });
      clearProblems();
      resetRecordState();
      stopReceipts();
      $('receipts-section').hidden = true;
      $('history-section').hidden = true;
    });
    $('template').addEventListener('click', downloadTemplate);
    $('upload-form').addEventListener('submit', upload);
    $('rejected').addEventListener('click', downloadRejected);
    $('sso').addEventListener('click', signInAtIssuer);
    singleSignOn().then(async (settings) => {
      signOn = settings;
      $('sso').hidden = !signOn;
      if (!(await finishSignIn()) && key()) {
        start();
      }
    });
  });
})();
