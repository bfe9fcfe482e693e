'use strict';
/*
 * What every page shares: calls to the JSON job API, its problem+json errors in plain words (a 401 also asks for a
 * token, auth.js), and the words for phases, languages and times. No library: the browser's fetch and DOM are enough.
 * Calls carry the access token in the cookie auth.js sets, as every same-origin request does.
 */
(function () {
  const PHASE_WORDS = {
    DOWNLOAD_QUEUED: 'Waiting for the downloader',
    DOWNLOAD_IN_PROGRESS: 'Searching for a subtitle',
    TRANSLATE_QUEUED: 'Waiting for the translator',
    TRANSLATE_IN_PROGRESS: 'Translating',
    DONE: 'Done',
    FAILED: 'Failed',
    CANCELLED: 'Cancelled'
  };
  const TERMINAL = ['DONE', 'FAILED', 'CANCELLED'];

  /** An answer other than 2xx, with the API's problem document when it sent one. */
  class ApiError extends Error {
    constructor(status, problem) {
      super(ApiError.words(status, problem));
      this.status = status;
      this.problem = problem;
    }

    static words(status, problem) {
      if (status === 401) {
        return 'The manager did not accept your access token (none given, expired, or not valid here); enter one'
          + ' at the top of the page.';
      }
      if (status === 403) {
        return 'Your access token does not allow this' + (problem && problem.detail ? ' (' + problem.detail + ')'
          : '') + '.';
      }
      if (!problem) {
        return 'The manager answered ' + status + ' without saying why.';
      }
      if (status === 503) {
        return (problem.detail || 'A server the manager needs is unreachable') + ' Try again in a moment.';
      }
      return problem.detail || problem.title || ('The manager answered ' + status + '.');
    }
  }

  async function request(method, path, body) {
    const init = { method: method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, { detail: 'The manager cannot be reached; check that it runs and try again.' });
    }
    if (!response.ok) {
      throw await failure(response);
    }
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : null;
  }

  function text(path) {
    return fetch(path).then(async response => {
      if (!response.ok) {
        throw await failure(response);
      }
      return response.text();
    });
  }

  /* The error of an answer other than 2xx; a 401 also brings back the token field. */
  async function failure(response) {
    const type = response.headers.get('Content-Type') || '';
    const problem = type.includes('json') ? await response.json().catch(() => null) : null;
    if (response.status === 401 && window.ConsoleAuth) {
      window.ConsoleAuth.refused();
    }
    return new ApiError(response.status, problem);
  }

  let languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch (e) {
    languageNames = null;
  }

  function languageWords(code) {
    if (!code) {
      return '';
    }
    let name = null;
    try {
      name = languageNames ? languageNames.of(code) : null;
    } catch (e) {
      name = null;
    }
    return name && name !== code ? name + ' (' + code + ')' : code;
  }

  function phaseWords(phase) {
    return PHASE_WORDS[phase] || phase;
  }

  function timeWords(iso) {
    return iso ? new Date(iso).toLocaleString() : '';
  }

  /** An element with text content; never innerHTML, so nothing the API returns is read as markup. */
  function element(tag, textContent, className) {
    const created = document.createElement(tag);
    if (textContent !== undefined && textContent !== null) {
      created.textContent = textContent;
    }
    if (className) {
      created.className = className;
    }
    return created;
  }

  /* Shows phase on badge, in words, with the phase's colour and its name in data-phase. */
  function paintPhase(badge, phase) {
    badge.textContent = phaseWords(phase);
    badge.className = 'phase phase-' + String(phase).toLowerCase();
    badge.dataset.phase = phase;
    return badge;
  }

  function phaseBadge(phase) {
    return paintPhase(element('span'), phase);
  }

  function showError(target, message) {
    target.textContent = message || '';
    target.hidden = !message;
  }

  window.Console = {
    ApiError: ApiError,
    get: path => request('GET', path),
    post: (path, body) => request('POST', path, body),
    remove: path => request('DELETE', path),
    text: text,
    failure: failure,
    isRefused: error => error instanceof ApiError && (error.status === 401 || error.status === 403),
    isTerminal: phase => TERMINAL.includes(phase),
    phaseWords: phaseWords,
    languageWords: languageWords,
    timeWords: timeWords,
    element: element,
    phaseBadge: phaseBadge,
    paintPhase: paintPhase,
    showError: showError
  };
}());
