'use strict';
/*
 * One job's page: its state from GET /jobs/{id}, the timeline from the SSE stream /jobs/{id}/events/stream, cancel,
 * downloads and a preview of the first cues.
 *
 * The stream is read with fetch rather than EventSource: EventSource gives up for good on an error answer (a 503
 * while Redis is away) and a new one cannot say where to resume. Here every (re)connection sends Last-Event-ID with
 * the newest sequence number shown, which the API resumes after, and an event at or below it is never shown twice.
 */
(function () {
  const C = window.Console;
  const $ = id => document.getElementById(id);
  const PREVIEW_CUES = 10;
  const MAX_RETRY_MS = 10000;
  const EVENT_WORDS = {
    'subtitle.download.requested': 'Job accepted, queued for the downloader',
    'subtitle.download.started': 'The downloader started searching',
    'subtitle.ready': 'Subtitle found in the language asked for',
    'subtitle.translate.requested': 'Found in another language, queued for translation',
    'subtitle.translate.started': 'The translator started',
    'subtitle.translated': 'Subtitle translated',
    'job.retry.scheduled': 'A step failed for now; a retry is planned',
    'job.failed': 'The job failed',
    'job.cancelled': 'The job was cancelled'
  };

  const jobId = document.getElementById('job-page').dataset.jobId;
  const base = '/jobs/' + encodeURIComponent(jobId);
  let lastSeq = 0;
  let sourceLanguage = null;
  let previewShown = false;
  let refreshing = null;
  let refreshAgain = false;

  /* ---- the job's state ---- */

  async function refresh() {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        try {
          show(await C.get(base));
          C.showError($('job-error'), '');
        } catch (e) {
          C.showError($('job-error'), e.message);
        }
      } while (refreshAgain);
      refreshing = null;
    })();
    return refreshing;
  }

  function show(job) {
    const video = job.video;
    document.title = video.title + ' · Subtitle pipeline';
    $('job-heading').textContent = video.title;
    C.paintPhase($('job-phase'), job.phase);
    const details = [video.year, video.imdbId, video.season != null ? 'season ' + video.season : null,
      video.episode != null ? 'episode ' + video.episode : null].filter(part => part != null);
    $('job-video').textContent = video.title + (details.length ? ' (' + details.join(', ') + ')' : '');
    $('job-language').textContent = C.languageWords(job.language);
    $('job-format').textContent = job.format === 'vtt' ? 'WebVTT' : 'SRT';
    $('job-created').textContent = C.timeWords(job.createdAt);
    $('job-outcome').textContent = outcomeWords(job);
    $('cancel-job').hidden = C.isTerminal(job.phase);
    const done = job.phase === 'DONE';
    ['srt', 'vtt'].forEach(format => {
      const link = $('download-' + format);
      link.href = base + '/subtitle?format=' + format;
      link.hidden = !done;
    });
    if (done && !previewShown) {
      previewShown = true;
      showPreview(job);
    }
  }

  function outcomeWords(job) {
    switch (job.phase) {
      case 'DONE': {
        const result = job.result || {};
        if (result.engine) {
          return 'Done: machine-translated into ' + C.languageWords(result.language) + ' by ' + result.engine
            + (result.model ? ' (' + result.model + ')' : '') + '.';
        }
        return 'Done: found in ' + C.languageWords(result.language) + ' by the ' + result.provider + ' provider.';
      }
      case 'FAILED': {
        const error = job.error || {};
        const stage = error.stage === 'TRANSLATE' ? 'translating' : 'searching for a subtitle';
        return 'Failed while ' + stage + ': ' + (error.message || 'no reason given') + (error.code
          ? ' (' + error.code + ')' : '');
      }
      case 'CANCELLED':
        return 'Cancelled: no subtitle will be produced.';
      default:
        return C.phaseWords(job.phase) + '…';
    }
  }

  /* ---- cancel ---- */

  async function cancel() {
    const button = $('cancel-job');
    button.disabled = true;
    $('action-status').textContent = 'Cancelling…';
    try {
      show(await C.remove(base));
      $('action-status').textContent = 'The job is cancelled.';
    } catch (e) {
      $('action-status').textContent = 'Not cancelled: ' + e.message;
      refresh();
    } finally {
      button.disabled = false;
    }
  }

  /* ---- the live timeline ---- */

  function addEvent(entry) {
    if (entry.seq <= lastSeq) {
      return;
    }
    lastSeq = entry.seq;
    if (entry.type === 'subtitle.translate.requested' && entry.data) {
      sourceLanguage = entry.data.sourceLanguage;
    }
    const item = C.element('li');
    item.dataset.seq = entry.seq;
    item.dataset.type = entry.type;
    const details = C.element('details');
    const summary = C.element('summary');
    summary.append(C.element('time', C.timeWords(entry.time)), ' ',
      C.element('span', EVENT_WORDS[entry.type] || entry.type, 'event-words'), ' ',
      C.element('code', entry.type, 'event-type'));
    details.append(summary, C.element('pre', JSON.stringify(entry, null, 2), 'event-json'));
    item.append(details);
    $('timeline').append(item);
  }

  /* Dispatches the complete SSE events in buffer; returns what is left (an event still arriving). */
  function dispatch(buffer, handle) {
    const blocks = buffer.split(/\r?\n\r?\n/);
    const rest = blocks.pop();
    blocks.forEach(block => {
      let name = 'message';
      const data = [];
      block.split(/\r?\n/).forEach(line => {
        if (line.startsWith(':')) {
          return;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          name = value;
        } else if (field === 'data') {
          data.push(value);
        }
      });
      if (data.length > 0) {
        handle(name, data.join('\n'));
      }
    });
    return rest;
  }

  /* Reads the stream until it ends; true when the job ended (nothing more will come). */
  async function readStream() {
    const headers = { Accept: 'text/event-stream' };
    if (lastSeq > 0) {
      headers['Last-Event-ID'] = String(lastSeq);
    }
    const response = await fetch(base + '/events/stream', { headers: headers, cache: 'no-store' });
    if (!response.ok) {
      throw await C.failure(response);
    }
    setLive('Live: new events appear as they happen.');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let ended = false;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) {
        return ended;
      }
      buffer = dispatch(buffer + decoder.decode(chunk.value, { stream: true }), (name, data) => {
        if (name === 'end') {
          ended = true;
        } else {
          addEvent(JSON.parse(data));
        }
        refresh();
      });
    }
  }

  async function follow() {
    let delay = 1000;
    for (;;) {
      try {
        if (await readStream()) {
          setLive('Complete: the job has ended.');
          return;
        }
        delay = 1000;
        setLive('The connection closed; reconnecting…');
      } catch (e) {
        // Unknown job, or no token the manager accepts: reconnecting would get the same answer.
        if (e instanceof C.ApiError && (e.status === 404 || C.isRefused(e))) {
          setLive('');
          C.showError($('job-error'), e.message);
          return;
        }
        setLive('Connection lost (' + e.message + '); reconnecting…');
      }
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  function setLive(words) {
    const status = $('live-status');
    status.textContent = words;
    status.dataset.state = words.startsWith('Live') ? 'live' : (words.startsWith('Complete') ? 'complete'
      : 'reconnecting');
  }

  /* ---- preview ---- */

  /* The cues of a WebVTT file: time range and text, in order. */
  function cues(vtt) {
    return vtt.split(/\r?\n\r?\n/).map(block => block.split(/\r?\n/)).map(lines => {
      const timing = lines.findIndex(line => line.includes('-->'));
      if (timing < 0) {
        return null;
      }
      const times = lines[timing].split('-->').map(part => part.trim().split(' ')[0]);
      return { start: times[0], end: times[1], text: lines.slice(timing + 1).join('\n') };
    }).filter(cue => cue !== null);
  }

  /* The language the file was translated from, from the job's subtitle.translate.requested event. */
  async function findSourceLanguage() {
    if (!sourceLanguage) {
      const page = await C.get(base + '/events?limit=50');
      const requested = page.events.find(entry => entry.type === 'subtitle.translate.requested');
      sourceLanguage = requested && requested.data ? requested.data.sourceLanguage : null;
    }
    return sourceLanguage;
  }

  async function showPreview(job) {
    const translated = Boolean(job.result && job.result.engine);
    try {
      if (translated) {
        await findSourceLanguage();
      }
      const [target, source] = await Promise.all([
        C.text(base + '/subtitle?format=vtt'),
        translated ? C.text(base + '/subtitle/source?format=vtt') : Promise.resolve(null)
      ]);
      const targetCues = cues(target);
      const sourceCues = source ? cues(source) : null;
      const head = $('preview-head');
      head.replaceChildren(C.element('th', 'Time'), C.element('th', C.languageWords(job.result.language)));
      if (sourceCues) {
        head.append(C.element('th', 'Source: ' + (sourceLanguage ? C.languageWords(sourceLanguage) : 'original')));
      }
      head.querySelectorAll('th').forEach(th => th.setAttribute('scope', 'col'));
      $('preview-body').replaceChildren(...targetCues.slice(0, PREVIEW_CUES).map((cue, index) => {
        const tr = C.element('tr');
        tr.append(C.element('td', cue.start + ' → ' + cue.end, 'cue-time'), C.element('td', cue.text, 'cue-text'));
        if (sourceCues) {
          tr.append(C.element('td', sourceCues[index] ? sourceCues[index].text : '', 'cue-source'));
        }
        return tr;
      }));
      $('preview-note').textContent = 'The first ' + Math.min(PREVIEW_CUES, targetCues.length) + ' of '
        + targetCues.length + ' cues' + (sourceCues ? ', beside the text they were translated from.' : '.');
    } catch (e) {
      $('preview-note').textContent = 'No preview: ' + e.message;
    }
    $('preview').hidden = false;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('cancel-job').addEventListener('click', cancel);
    refresh();
    follow();
  });
}());
