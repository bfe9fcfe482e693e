'use strict';
/*
 * The access token, when the manager asks for one: the header's field stores it in the cookie subtitles_token, which
 * the browser then sends with every call of the pages (fetch, the SSE stream, downloads, a WebSocket) to this origin
 * only (SameSite=Strict), over https only when the page came over https (Secure). The API verifies it; here the
 * token is only read to say whose it is. Sign out deletes the cookie. A 401 from any call brings the field back with
 * a message (ConsoleAuth.refused). Nothing here runs when the page says authentication is off.
 */
(function () {
  const COOKIE = 'subtitles_token';
  // A JWT (header.payload.signature, base64url): also all a cookie value may hold here without quoting.
  const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
  const $ = id => document.getElementById(id);

  function cookieSuffix() {
    return '; Path=/; SameSite=Strict' + (window.location.protocol === 'https:' ? '; Secure' : '');
  }

  function storedToken() {
    const entry = document.cookie.split(';').map(part => part.trim()).find(part => part.startsWith(COOKIE + '='));
    return entry ? entry.slice(COOKIE.length + 1) : '';
  }

  function store(token) {
    document.cookie = COOKIE + '=' + token + cookieSuffix();
  }

  function forget() {
    document.cookie = COOKIE + '=; Max-Age=0' + cookieSuffix();
  }

  /* The token's claims, unverified (the manager verifies it): only to show whose token it is. */
  function claims(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')));
    } catch (e) {
      return null;
    }
  }

  function whose(token) {
    const claimed = claims(token);
    if (!claimed) {
      return 'A token is set.';
    }
    const tenantClaim = $('auth').dataset.tenantClaim;
    const parts = [];
    if (claimed.sub) {
      parts.push(String(claimed.sub));
    }
    if (claimed[tenantClaim]) {
      parts.push('tenant ' + claimed[tenantClaim]);
    }
    if (Array.isArray(claimed.groups) && claimed.groups.length) {
      parts.push(claimed.groups.join(', '));
    }
    let words = parts.length ? 'Signed in: ' + parts.join(' · ') + '.' : 'A token is set.';
    if (typeof claimed.exp === 'number' && claimed.exp * 1000 < Date.now()) {
      words += ' It expired ' + new Date(claimed.exp * 1000).toLocaleString() + '.';
    }
    return words;
  }

  function say(words, needed) {
    $('auth-status').textContent = words;
    $('auth').classList.toggle('auth-needed', Boolean(needed));
  }

  function showField(show) {
    $('auth-form').hidden = !show;
    $('auth-sign-out').hidden = !storedToken();
  }

  function use(event) {
    event.preventDefault();
    const token = $('auth-token').value.trim().replace(/^Bearer\s+/i, '');
    if (!TOKEN.test(token)) {
      say('That is not a token: a token is three parts separated by dots (./stack token <tenant> prints one).', true);
      $('auth-token').setAttribute('aria-invalid', 'true');
      $('auth-token').focus();
      return;
    }
    store(token);
    window.location.reload();
  }

  function signOut() {
    forget();
    window.location.reload();
  }

  let refusedShown = false;

  /* A call answered 401: no token, or one the manager does not accept. Shown once, however many calls failed. */
  function refused() {
    if (refusedShown || !$('auth-form')) {
      return;
    }
    refusedShown = true;
    showField(true);
    say(storedToken()
      ? 'Your token was not accepted (expired, or not for this manager): enter a new one to see your jobs.'
      : 'Signed out: enter an access token to see your jobs.', true);
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (!$('auth-form')) {
      return;
    }
    $('auth-form').addEventListener('submit', use);
    $('auth-sign-out').addEventListener('click', signOut);
    const token = storedToken();
    showField(!token);
    say(token ? whose(token) : 'Not signed in.', !token);
  });

  window.ConsoleAuth = { refused: refused };
}());
