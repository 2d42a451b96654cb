// Simulations: progressive enhancement of the attempt page. Without this
// script the page works by reloading; with it, the page asks
// /api/v1/simulations/attempts/<id> when the next comment is due and, once
// new comments are out, reloads itself unless the trainee is typing (then
// it shows a notice with a reload link instead).
(function () {
  'use strict';
  var feed = document.getElementById('sim-feed');
  if (!feed || !feed.dataset.state) return;
  var shown = parseInt(feed.dataset.released || '0', 10);
  var next = feed.dataset.next;
  if (next === '' || next === undefined) return;  // every comment is out

  function typing() {
    var boxes = feed.querySelectorAll('textarea');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].value.trim() !== '') return true;
    }
    return false;
  }

  function notice() {
    if (document.getElementById('sim-new')) return;
    var p = document.createElement('p');
    p.id = 'sim-new';
    p.className = 'sim-new';
    p.setAttribute('role', 'status');
    var a = document.createElement('a');
    a.href = window.location.pathname;
    a.textContent = feed.dataset.new;  // from the message catalogue
    p.appendChild(a);
    feed.insertBefore(p, feed.firstChild);
  }

  function poll(delayS) {
    var ms = Math.min(Math.max(delayS, 2), 60) * 1000;
    window.setTimeout(function () {
      fetch(feed.dataset.state, {credentials: 'same-origin'})
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (s) {
            if (!s) return;
            if (s.comments.length > shown) {
              if (typing()) notice(); else window.location.reload();
              return;
            }
            if (s.next_release_s !== null) poll(s.next_release_s + 1);
          })
          .catch(function () { poll(30); });
    }, ms);
  }
  poll(parseInt(next, 10) + 1);
})();
