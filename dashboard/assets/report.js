// Monthly report: a print button beside the print hint (the hint alone
// works without this file: Ctrl+P).
(function () {
  'use strict';
  var hint = document.querySelector('[data-testid=print-hint]');
  if (!hint || typeof window.print !== 'function') return;
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = hint.getAttribute('data-print-label') || 'Cetak';
  button.setAttribute('data-testid', 'print');
  button.addEventListener('click', function () { window.print(); });
  hint.appendChild(button);
})();
