// Light progressive enhancement only: every page works without it. Served at /console/assets/console.js.
export const CONSOLE_JS = `
(function () {
  // A submitted form cannot be sent twice by an impatient double click.
  document.addEventListener('submit', function (e) {
    var buttons = e.target.querySelectorAll('button[type=submit][data-busy]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
      buttons[i].textContent = buttons[i].getAttribute('data-busy');
    }
  });
  // Coming back through the browser's history cache must not leave those buttons disabled.
  window.addEventListener('pageshow', function (e) {
    if (!e.persisted) return;
    var buttons = document.querySelectorAll('button[type=submit][data-busy]');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = false;
  });
  // Print buttons (the CSP allows no onclick attribute).
  document.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('[data-print]') : null;
    if (b) { e.preventDefault(); window.print(); }
  });
  // "/" focuses the page's search box, as in most directory tools.
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    var box = document.querySelector('input[type=search]');
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
})();
`;
