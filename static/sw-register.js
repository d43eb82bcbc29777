// Registers the service worker (sw.js, generated into dist/ by scripts/build.sh) so that a
// hosted copy of samplan keeps working offline after the first visit. It never breaks the
// app: a missing or failing service worker is only logged.
//
// Skipped where it cannot or should not work: file:// (the single-file build does not load
// this script at all) and browsers without service workers (or non-secure origins, where
// `navigator.serviceWorker` is missing).
// Under `trunk serve` there is no sw.js (404): registration fails with a console note, and a
// worker left on that origin by an earlier release build is unregistered, so that it cannot
// serve stale files while developing.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;

  // sw.js gone from the server: drop the worker of this scope. Offline (fetch fails) or any
  // other answer keeps it.
  function dropIfGone() {
    return fetch('./sw.js', { method: 'HEAD', cache: 'no-store' })
      .then(function (res) {
        if (res.status !== 404) return;
        return navigator.serviceWorker.getRegistration('./').then(function (reg) {
          if (reg) {
            console.warn('samplan: sw.js is gone from the server; service worker unregistered');
            return reg.unregister();
          }
        });
      })
      .catch(function () {});
  }

  window.addEventListener('load', function () {
    var registering;
    try {
      registering = Promise.resolve(navigator.serviceWorker.register('./sw.js', { scope: './' }));
    } catch (err) {
      registering = Promise.reject(err);
    }
    registering
      .then(
        function (reg) {
          // Some environments (e.g. test browsers blocking service workers) resolve with nothing.
          if (!reg) return;
          console.info('samplan: offline support active (service worker, scope ' + reg.scope + ')');
          // An existing registration resolves without fetching sw.js: check for a new build
          // (or a removed sw.js) now. Failing offline is normal.
          if (typeof reg.update === 'function') return reg.update().catch(dropIfGone);
        },
        function (err) {
          console.warn('samplan: no offline support (service worker not registered):', err);
          return dropIfGone();
        },
      )
      .catch(function (err) {
        console.warn('samplan: service worker registration:', err);
      });
  });
})();
