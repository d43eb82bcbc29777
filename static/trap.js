// Recovery screen for a WebAssembly trap the panic hook never sees (out of memory): see
// docs/app.md "Imports of any size" and app/src/recovery.rs.
(function () {
  'use strict';
  var shown = false;

  function isTrap(err) {
    if (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) return true;
    var m = err && err.message ? String(err.message) : '';
    return /unreachable|out of memory|memory access out of bounds/i.test(m);
  }

  function allData() {
    var out = {};
    try {
      var keys = [];
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf('samplan:') === 0) keys.push(k);
      }
      keys.sort();
      keys.forEach(function (k) {
        out[k] = localStorage.getItem(k);
      });
    } catch (e) {
    }
    return JSON.stringify(out, null, 2);
  }

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    return e;
  }

  function show() {
    if (shown || document.querySelector('main.recovery')) return;
    shown = true;
    var body = document.body;
    if (!body) return;
    body.textContent = '';
    var screen = el('main');
    screen.className = 'recovery';
    screen.setAttribute('role', 'alert');
    screen.setAttribute('aria-labelledby', 'recovery-rubrik');
    var h = el('h1', 'samplan stötte på ett fel och har stannat');
    h.id = 'recovery-rubrik';
    screen.appendChild(h);
    [
      'Minnet i webbläsaren tog slut (till exempel av en mycket stor fil). Ändringar som ännu inte hunnit sparas kan saknas.',
      'Dina planer finns kvar i webbläsaren. Ladda gärna ner alla sparade data först, så har du en kopia av allt.',
      'Starta sedan om: samplan öppnar den senaste versionen av planen som gick att räkna.',
    ].forEach(function (t) {
      screen.appendChild(el('p', t));
    });
    var actions = el('p');
    actions.className = 'recovery-actions';
    try {
      var blob = new Blob([allData()], { type: 'application/json' });
      var a = el('a', 'Ladda ner alla sparade data');
      a.href = URL.createObjectURL(blob);
      a.download = 'samplan-alla-sparade-data.json';
      a.className = 'button';
      actions.appendChild(a);
    } catch (e) {
    }
    var restart = el('a', 'Starta om med senast fungerande plan');
    var again = document.documentElement.getAttribute('data-samplan-restored') === '1';
    restart.href = '?samplan-restore' + (again ? '=annan-plan' : '') + location.hash;
    restart.className = 'button';
    actions.appendChild(restart);
    screen.appendChild(actions);
    body.appendChild(screen);
  }

  addEventListener('error', function (ev) {
    if (isTrap(ev.error)) show();
  });
  addEventListener('unhandledrejection', function (ev) {
    if (isTrap(ev.reason)) show();
  });
})();
