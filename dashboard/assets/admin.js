// Administration pages: while a "Kumpulkan sekarang" run is in progress the
// collector page reloads itself every few seconds, so the admin sees the
// result without pressing anything. Linked on every page; does nothing
// elsewhere.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  if (!document.querySelector('[data-collect-running]')) return;
  // A plain GET of the collector page: never resubmits the form that
  // started the run (the page may be the answer to that POST).
  setTimeout(() => window.location.assign('/admin/kolektor'), 5000);
});
