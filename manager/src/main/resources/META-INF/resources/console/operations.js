'use strict';
/*
 * The operations page: GET /admin/status every 5 seconds (queues, instances, search cache, jobs by phase and
 * outcome, throughput bars), and the dead-letter tools of /admin/dead-letters/{queue}: list, requeue one or all, discard.
 */
(function () {
  const C = window.Console;
  const $ = id => document.getElementById(id);
  const REFRESH_MS = 5000;
  let timer = null;
  let lastStatus = null;
  let statusRequest = 0;

  function count(value) {
    return value === null || value === undefined ? C.element('span', 'unknown', 'unknown') : C.element('span', String(value));
  }

  function cell(content) {
    const td = C.element('td');
    td.append(content instanceof Node ? content : document.createTextNode(content === null || content === undefined ? '' : String(content)));
    return td;
  }

  function seconds(value) {
    if (value === null || value === undefined) {
      return '';
    }
    return value < 120 ? value.toFixed(1) + ' s' : (value / 60).toFixed(1) + ' min';
  }

  async function loadStatus() {
    const request = ++statusRequest;
    try {
      const status = await C.get('/admin/status');
      if (request !== statusRequest) {
        return;
      }
      lastStatus = status;
      C.showError($('status-error'), status.unavailable.length ? 'Partly unavailable: ' + status.unavailable.join('; ') : '');
      showQueues(status.queues);
      showInstances(status.instances);
      showSearchCache(status.searchCache);
      showJobs(status.phases, status.jobs);
      $('status-read-at').textContent = 'Read at ' + C.timeWords(status.readAt) + '.';
    } catch (e) {
      if (request === statusRequest) {
        C.showError($('status-error'), refusal(e) || 'Status unavailable: ' + e.message);
      }
    }
  }

  function showQueues(queues) {
    $('queues-body').replaceChildren(...queues.map(queue => {
      const tr = C.element('tr');
      tr.dataset.queue = queue.name;
      const dead = count(queue.deadLettered);
      if (queue.deadLettered > 0) {
        dead.className = 'warn';
      }
      tr.append(cell(queue.name), cell(count(queue.ready)), cell(count(queue.consumers)), cell(dead));
      return tr;
    }));
    const select = $('dlq-queue');
    const names = queues.map(queue => queue.name);
    if (Array.from(select.options).map(o => o.value).join() !== names.join()) {
      const chosen = select.value;
      select.replaceChildren(...names.map(name => {
        const option = C.element('option', name);
        option.value = name;
        return option;
      }));
      if (names.includes(chosen)) {
        select.value = chosen;
      }
    }
  }

  function showInstances(instances) {
    if (!instances) {
      $('instances-body').replaceChildren();
      $('instances-note').textContent = 'Instances unavailable.';
      return;
    }
    $('instances-body').replaceChildren(...instances.map(instance => {
      const tr = C.element('tr');
      tr.dataset.instance = instance.instance;
      const state = C.element('span', instance.alive ? 'Alive' : 'Lost', instance.alive ? 'state-alive' : 'state-lost');
      const load = instance.alive
        ? (instance.inFlight === null || instance.inFlight === undefined ? '?' : instance.inFlight) + ' / ' + instance.concurrency
        : '';
      const error = instance.lastError ? instance.lastError + ' (' + C.timeWords(instance.lastErrorAt) + ')' : '';
      tr.append(cell(instance.service), cell(instance.instance), cell(state), cell(load), cell(instance.version),
        cell(C.timeWords(instance.lastBeatAt)), cell(error));
      return tr;
    }));
    $('instances-note').textContent = instances.length ? '' : 'No instance reports a heartbeat.';
  }

  function percent(rate) {
    return rate === null || rate === undefined ? '' : (rate * 100).toFixed(1) + ' %';
  }

  /* All providers together, then each cached provider, as every downloader instance counted them. */
  function showSearchCache(cache) {
    if (!cache) {
      $('cache-body').replaceChildren();
      $('cache-note').textContent = 'Search cache counts unavailable.';
      return;
    }
    const rows = [{ provider: 'All providers', hits: cache.hits, misses: cache.misses, hitRate: cache.hitRate }]
      .concat(cache.providers);
    $('cache-body').replaceChildren(...rows.map(count => {
      const tr = C.element('tr');
      tr.append(cell(count.provider), cell(count.hits), cell(count.misses), cell(percent(count.hitRate)));
      return tr;
    }));
    $('cache-note').textContent = cache.since
      ? 'Counted since ' + C.timeWords(cache.since) + '.'
      : 'No search looked up in the cache yet.';
  }

  function showJobs(phases, jobs) {
    if (phases) {
      $('ops-phase-counts').replaceChildren(...Object.entries(phases.counts).map(([phase, n]) => {
        const item = C.element('li');
        item.dataset.phase = phase;
        item.append(C.phaseBadge(phase), C.element('span', String(n), 'count'));
        return item;
      }));
    }
    if (!jobs) {
      $('outcomes-body').replaceChildren();
      $('throughput-chart').replaceChildren();
      $('stages-body').replaceChildren();
      $('jobs-note').textContent = 'Job activity unavailable.';
      return;
    }
    $('outcomes-body').replaceChildren(outcomeRow('Last hour', jobs.lastHour), outcomeRow('Last day', jobs.lastDay));
    showStages(jobs.stages);
    $('jobs-note').textContent = (jobs.complete ? 'All ' : 'The newest ') + jobs.examined
      + ' jobs submitted in the last day.';
    drawChart();
  }

  function outcomeRow(label, slot) {
    const tr = C.element('tr');
    tr.append(cell(label), cell(slot.submitted), cell(slot.done), cell(slot.failed), cell(slot.cancelled),
      cell(seconds(slot.medianSecondsToEnd)), cell(seconds(slot.p95SecondsToEnd)));
    return tr;
  }

  /* One row per step a job of the last hour went through, with a bar on the scale of the slowest 95th percentile. */
  function showStages(stages) {
    const longest = Math.max(0.001, ...stages.map(time => time.p95Seconds));
    $('stages-body').replaceChildren(...stages.map(time => {
      const tr = C.element('tr');
      tr.dataset.stage = time.stage + '.' + time.step;
      const bar = C.element('div', null, 'stage-bar');
      bar.setAttribute('role', 'img');
      bar.setAttribute('aria-label', time.stage + ' ' + time.step + ': median ' + seconds(time.medianSeconds)
        + ', 95th percentile ' + seconds(time.p95Seconds));
      const p95 = C.element('span', null, 'p95');
      p95.style.width = (100 * time.p95Seconds / longest) + '%';
      const median = C.element('span', null, 'median');
      median.style.width = (100 * time.medianSeconds / Math.max(time.p95Seconds, 0.001)) + '%';
      p95.append(median);
      bar.append(p95);
      tr.append(cell(time.stage), cell(time.step), cell(time.jobs), cell(seconds(time.medianSeconds)),
        cell(seconds(time.p95Seconds)), cell(bar));
      return tr;
    }));
  }

  function drawChart() {
    if (!lastStatus || !lastStatus.jobs) {
      return;
    }
    const slots = lastStatus.jobs[$('chart-span').value];
    const most = Math.max(1, ...slots.map(slot => slot.done + slot.failed + slot.cancelled));
    $('throughput-chart').replaceChildren(...slots.map(slot => {
      const bar = C.element('div', null, 'bar');
      const start = new Date(slot.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
      bar.title = start + ': ' + slot.done + ' done, ' + slot.failed + ' failed, ' + slot.cancelled + ' cancelled'
        + (slot.medianSecondsToEnd !== null ? ', median ' + seconds(slot.medianSecondsToEnd) : '');
      ['done', 'failed', 'cancelled'].forEach(kind => {
        const part = C.element('span', null, kind);
        part.style.height = (100 * slot[kind] / most) + '%';
        bar.append(part);
      });
      return bar;
    }));
    const total = slots.reduce((sum, slot) => sum + slot.done + slot.failed + slot.cancelled, 0);
    $('throughput-chart').setAttribute('aria-label', 'Throughput: ' + total + ' jobs ended over '
      + slots.length + ' slots, at most ' + most + ' in one slot');
  }

  /* Dead letters. */
  /* Every POST says what its body is (415 otherwise); these take none, so they send an empty object. */
  function postEmpty(path) {
    return C.post(path, {});
  }

  function deadLetterPath(suffix) {
    return '/admin/dead-letters/' + encodeURIComponent($('dlq-queue').value) + (suffix || '');
  }

  async function loadDeadLetters() {
    C.showError($('dlq-error'), '');
    const queue = $('dlq-queue').value;
    if (!queue) {
      return;
    }
    try {
      const listing = await C.get(deadLetterPath('?limit=100'));
      $('dlq-body').replaceChildren(...listing.messages.map(deadLetterRow));
      $('dlq-status').textContent = listing.messages.length
        ? listing.messages.length + ' message(s) in ' + listing.deadLetterQueue + ' shown.'
        : listing.deadLetterQueue + ' is empty.';
    } catch (e) {
      $('dlq-body').replaceChildren();
      C.showError($('dlq-error'), refusal(e) || e.message);
    }
  }

  function deadLetterRow(message) {
    const tr = C.element('tr');
    tr.dataset.messageId = message.id;
    const jobCell = C.element('td');
    if (message.jobId) {
      const link = C.element('a', message.jobId);
      link.href = '/console/jobs/' + encodeURIComponent(message.jobId);
      jobCell.append(link);
    }
    const actions = C.element('td');
    const requeue = C.element('button', 'Requeue');
    requeue.type = 'button';
    requeue.className = 'requeue';
    requeue.setAttribute('aria-label', 'Requeue message ' + message.id);
    requeue.addEventListener('click', () => act(() => postEmpty(deadLetterPath('/' + encodeURIComponent(message.id) + '/requeue')),
      'Message ' + message.id + ' requeued.'));
    const discard = C.element('button', 'Discard', 'button-danger');
    discard.type = 'button';
    discard.classList.add('discard');
    discard.setAttribute('aria-label', 'Discard message ' + message.id);
    discard.addEventListener('click', () => {
      if (window.confirm('Delete message ' + message.id + ' for good?')) {
        act(() => C.remove(deadLetterPath('/' + encodeURIComponent(message.id))), 'Message ' + message.id + ' discarded.');
      }
    });
    const buttons = C.element('div', null, 'actions');
    buttons.append(requeue, discard);
    actions.append(buttons);
    const reason = message.reason + (message.deaths > 1 ? ' (' + message.deaths + ' times)' : '')
      + (message.requeues > 0 ? ', requeued ' + message.requeues + ' time(s) before' : '');
    tr.append(cell(message.id), cell(message.type), jobCell, cell(reason), cell(C.timeWords(message.deadLetteredAt)),
      actions);
    return tr;
  }

  async function act(call, done) {
    C.showError($('dlq-error'), '');
    try {
      await call();
      await loadDeadLetters();
      $('dlq-status').textContent = done + ' ' + $('dlq-status').textContent;
      $('dlq-show').focus();
      loadStatus();
    } catch (e) {
      C.showError($('dlq-error'), e.message);
    }
  }

  /*
   * For an answer that says the caller may not look (401, 403): what to tell them. Asking again every 5 s would get
   * the same answer, so the automatic refresh stops.
   */
  function refusal(error) {
    if (!C.isRefused(error)) {
      return null;
    }
    $('auto-refresh').checked = false;
    schedule();
    return error.status === 403 ? 'This page is for operators: it needs an access token with the admin role.'
      : error.message;
  }

  function schedule() {
    clearInterval(timer);
    timer = $('auto-refresh').checked ? setInterval(loadStatus, REFRESH_MS) : null;
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('auto-refresh').addEventListener('change', schedule);
    $('refresh-now').addEventListener('click', loadStatus);
    $('chart-span').addEventListener('change', drawChart);
    $('dlq-form').addEventListener('submit', event => {
      event.preventDefault();
      loadDeadLetters();
    });
    $('dlq-queue').addEventListener('change', loadDeadLetters);
    $('dlq-requeue-all').addEventListener('click', () => act(() => postEmpty(deadLetterPath('/requeue')),
      'Requeued all.'));
    await loadStatus();
    await loadDeadLetters();
    schedule();
  });
}());
