// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Practice editor: check the draft as the trainee types (debounced).
  var form = document.getElementById('practice');
  if (form) {
    var result = document.getElementById('result');
    var learnMore = result.getAttribute('data-learn-more') || '';
    var timer = null;
    var check = function () {
      var body = new URLSearchParams(new FormData(form));
      fetch('/api/v1/check', {method: 'POST', body: body,
                              headers: {'X-CSRF-Token': form.elements.csrf.value}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          while (result.firstChild) result.removeChild(result.firstChild);
          var p = document.createElement('p');
          p.className = 'score';
          p.setAttribute('data-testid', 'live-score');
          p.textContent = (data.scored ? data.score : '–') + ' / 100 · ' +
              (data.stats && data.stats.platform_length !== undefined ? data.stats.platform_length : '');
          result.appendChild(p);
          var ol = document.createElement('ol');
          ol.className = 'findings';
          (data.findings || []).forEach(function (f) {
            var li = document.createElement('li');
            li.className = f.level;
            li.textContent = f.rule + ' «' + f.text + '» ' + (f.message || '');
            // The lesson that teaches the rule, as the no-JS page links it
            // (view_practice.cc); text only, and only a path on this site.
            var lesson = f.lesson;
            if (lesson && typeof lesson.url === 'string' && /^\/(?![\/\\])/.test(lesson.url)) {
              var a = document.createElement('a');
              a.className = 'lesson-link';
              a.href = lesson.url;
              a.textContent = learnMore + ' ' + (lesson.title || '');
              li.appendChild(document.createTextNode(' '));
              li.appendChild(a);
            }
            ol.appendChild(li);
          });
          result.appendChild(ol);
        });
    };
    form.elements.text.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    });
    form.elements.platform.addEventListener('change', check);
  }
  // Sortable tables: click a header to sort by that column.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      var sort = function () {
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        var key = function (row) {
          var cell = row.cells[col];
          var v = cell.getAttribute('data-sort') || cell.textContent;
          var n = parseFloat(v);
          return isNaN(n) ? v : n;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
})();
