'use strict';
/* The jobs page: counts by phase, the filtered list paged with the API's cursor, and the submit form. */
(function () {
  const C = window.Console;
  const PAGE_SIZE = 20;
  const $ = id => document.getElementById(id);

  /* Cursors of the pages shown so far: the last one is the current page's, null for the newest page. */
  let cursors = [null];
  let nextCursor = null;

  async function loadCounts() {
    const list = $('phase-counts');
    try {
      const answer = await C.get('/jobs/phase-counts');
      list.replaceChildren();
      Object.entries(answer.counts).forEach(([phase, count]) => {
        const item = C.element('li');
        item.append(C.phaseBadge(phase), C.element('span', String(count), 'count'));
        item.dataset.phase = phase;
        list.append(item);
      });
      $('counts-note').textContent = answer.complete ? 'All ' + answer.examined + ' jobs.'
        : 'The newest ' + answer.examined + ' jobs.';
    } catch (e) {
      $('counts-note').textContent = 'Counts unavailable: ' + e.message;
    }
  }

  function filterQuery() {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    ['phase', 'language', 'text'].forEach(name => {
      const value = $('filter-' + name).value.trim();
      if (value) {
        params.set(name, value);
      }
    });
    const cursor = cursors[cursors.length - 1];
    if (cursor) {
      params.set('cursor', cursor);
    }
    return params;
  }

  // Only the newest request's answer is shown: an earlier one arriving late would otherwise overwrite it.
  let pageRequest = 0;

  async function loadPage() {
    const body = $('jobs-body');
    const request = ++pageRequest;
    C.showError($('list-error'), '');
    try {
      const page = await C.get('/jobs?' + filterQuery());
      if (request !== pageRequest) {
        return;
      }
      body.replaceChildren(...page.jobs.map(row));
      nextCursor = page.nextCursor || null;
      $('list-note').textContent = page.jobs.length > 0 ? ''
        : (nextCursor ? 'No matching job on this page; older jobs may match.' : 'No matching job.');
    } catch (e) {
      if (request !== pageRequest) {
        return;
      }
      body.replaceChildren();
      nextCursor = null;
      C.showError($('list-error'), e.message);
    }
    $('older-page').disabled = !nextCursor;
    $('newer-page').disabled = cursors.length === 1;
  }

  function row(job) {
    const tr = C.element('tr');
    tr.dataset.jobId = job.id;
    const titleCell = C.element('td');
    const link = C.element('a', videoWords(job.video));
    link.href = '/console/jobs/' + encodeURIComponent(job.id);
    titleCell.append(link);
    const phaseCell = C.element('td');
    phaseCell.append(C.phaseBadge(job.phase));
    tr.append(titleCell, C.element('td', C.languageWords(job.language)), phaseCell,
      C.element('td', C.timeWords(job.createdAt)));
    return tr;
  }

  function videoWords(video) {
    let words = video.title;
    if (video.season != null && video.episode != null) {
      words += ' S' + String(video.season).padStart(2, '0') + 'E' + String(video.episode).padStart(2, '0');
    }
    return video.year ? words + ' (' + video.year + ')' : words;
  }

  /* The request as typed: a number field that is not a number is sent as typed, so that the API says what is wrong. */
  function requestFromForm(form) {
    const request = { video: {} };
    form.querySelectorAll('[data-field]').forEach(control => {
      const path = control.dataset.field.split('.');
      const value = valueOf(control);
      if (value === undefined) {
        return;
      }
      const target = path.length === 2 ? request[path[0]] : request;
      target[path[path.length - 1]] = value;
    });
    return request;
  }

  function valueOf(control) {
    if (control.dataset.type === 'boolean') {
      return control.checked ? true : undefined;
    }
    const value = control.value.trim();
    if (value === '') {
      return undefined;
    }
    if (control.dataset.type === 'integer') {
      return /^-?\d+$/.test(value) ? Number(value) : value;
    }
    if (control.dataset.type === 'list') {
      return value.split(',').map(item => item.trim());
    }
    return value;
  }

  function clearFieldErrors(form) {
    form.querySelectorAll('.field-error').forEach(error => C.showError(error, ''));
    form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
    C.showError($('submit-error'), '');
  }

  /* Each error next to its field ("preferredProviders[1]" belongs to the providers field); the rest above the form. */
  function showFieldErrors(form, problem) {
    const unplaced = [];
    let first = null;
    (problem.errors || []).forEach(error => {
      const field = error.field.replace(/\[\d+\]$/, '');
      const control = form.querySelector('[data-field="' + CSS.escape(field) + '"]');
      if (!control) {
        unplaced.push(error.field + ' ' + error.message);
        return;
      }
      const message = $(control.id + '-error');
      const shown = message.textContent ? message.textContent + '; ' : '';
      C.showError(message, shown + error.message);
      control.setAttribute('aria-invalid', 'true');
      first = first || control;
    });
    const summary = first ? 'Please correct the fields marked below.' : problem.detail;
    C.showError($('submit-error'), [summary].concat(unplaced).join(' '));
    (first || $('submit-error')).focus();
  }

  async function submit(event) {
    event.preventDefault();
    const form = event.target;
    const button = $('submit-button');
    clearFieldErrors(form);
    button.disabled = true;
    $('submit-status').textContent = 'Submitting…';
    try {
      const job = await C.post('/jobs', requestFromForm(form));
      $('submit-status').textContent = 'Submitted; opening the job.';
      window.location.assign('/console/jobs/' + encodeURIComponent(job.id));
    } catch (e) {
      $('submit-status').textContent = '';
      if (e.problem && e.problem.errors) {
        showFieldErrors(form, e.problem);
      } else {
        C.showError($('submit-error'), e.message);
        $('submit-error').focus();
      }
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('submit-error').tabIndex = -1;
    $('filter-phase').querySelectorAll('option[value]:not([value=""])')
      .forEach(option => { option.textContent = C.phaseWords(option.value); });
    $('submit-form').addEventListener('submit', submit);
    $('filter-form').addEventListener('submit', event => {
      event.preventDefault();
      cursors = [null];
      loadPage();
    });
    $('older-page').addEventListener('click', () => {
      cursors.push(nextCursor);
      loadPage();
    });
    $('newer-page').addEventListener('click', () => {
      cursors.pop();
      loadPage();
    });
    loadCounts();
    loadPage();
  });
}());
