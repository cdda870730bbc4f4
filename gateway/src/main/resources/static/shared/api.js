// What the cadre workspace (/fill/) and the ops dashboard (/ops/) share to talk to the gateway's /api/**: one call
// with the person's key as a bearer token, and one reading of an RFC 9457 problem. Plain browser JavaScript, loaded
// by both pages before their own script; it defines the one global fillOnceApi and nothing else.
'use strict';

const fillOnceApi = (() => {
  /** An answer of 400 or above (status, the problem body if any), or no answer at all (status 0). */
  class ApiError extends Error {
    constructor(status, problem, message) {
      super(message);
      this.status = status;
      this.problem = problem;
    }
  }

  /** The body as JSON; null when it is empty or not JSON. */
  async function readJson(response) {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * What went wrong, for a person: the problem's detail (else its title) and the status. With fieldErrors, also each
   * errors[] entry as "pointer: message" (a page that shows them next to the fields leaves them out).
   */
  function problemText(response, problem, fieldErrors = false) {
    if (!problem || typeof problem !== 'object') {
      return response.status + ' ' + response.statusText;
    }
    let text = problem.detail || problem.title || String(response.status);
    if (fieldErrors && Array.isArray(problem.errors) && problem.errors.length) {
      text += ' ' + problem.errors.map((e) => (e.pointer || '') + ': ' + e.message).join('; ');
    }
    return text + ' (' + response.status + ')';
  }

  /**
   * Calls the API; answers { status, headers, body } (body: the JSON, or a Blob with options.binary). A 4xx or 5xx
   * throws an ApiError holding the problem; no answer within options.withinMs, or none at all, throws an ApiError of
   * status 0 saying options.unreachable(error). options: key, withinMs, unreachable, and optionally method, headers,
   * body (sent as is), binary, fieldErrors (see problemText).
   */
  async function call(path, options) {
    const headers = { Accept: 'application/json, application/problem+json', Authorization: 'Bearer ' + options.key,
      ...(options.headers || {}) };
    const response = await fetch(path, { method: options.method || 'GET', headers, body: options.body,
      cache: 'no-store', signal: AbortSignal.timeout(options.withinMs) })
      .catch((e) => {
        throw new ApiError(0, null, options.unreachable(e));
      });
    if (options.binary && response.ok) {
      return { status: response.status, headers: response.headers, body: await response.blob() };
    }
    const body = await readJson(response);
    if (!response.ok) {
      throw new ApiError(response.status, body, problemText(response, body, options.fieldErrors));
    }
    return { status: response.status, headers: response.headers, body };
  }

  return Object.freeze({ ApiError, call, problemText, readJson });
})();
