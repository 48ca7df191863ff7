// 单位选择: every <input data-bureau-picker list="…"> gets suggestions from GET /api/bureaus?q= (the bureau search of
// src/organisation) while the person types a name such as 朝阳; choosing one fills in its code. Without this script the
// field still takes a typed code, so the form works everywhere.
export const BUREAU_PICKER_JS = `
(function () {
  var inputs = document.querySelectorAll('input[data-bureau-picker]');
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute('list'));
    if (!list) return;
    var timer = null, last = '';
    input.addEventListener('input', function () {
      var q = input.value.trim();
      if (timer) clearTimeout(timer);
      if (!q || /^[0-9]{2,6}$/.test(q) || q === last) return;
      timer = setTimeout(function () {
        last = q;
        fetch('/api/bureaus?limit=12&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (rows) {
            list.innerHTML = '';
            rows.forEach(function (b) {
              var o = document.createElement('option');
              o.value = b.code; o.label = b.name; o.textContent = b.name;
              list.appendChild(o);
            });
          })
          .catch(function () { /* suggestions are a convenience; typing a code still works */ });
      }, 200);
    });
  });
})();
`;
