// The 所属单位 picker of the users pages, served at /console/assets/users.js (the CSP allows no inline script).
// Without it the picker still works: 查找单位 reloads the page with the matches as radio buttons.
export const USERS_JS = `
(function () {
  var pickers = document.querySelectorAll('[data-bureau-picker]');
  Array.prototype.forEach.call(pickers, function (picker) {
    var input = picker.querySelector('[data-picker-query]');
    var list = picker.querySelector('[data-picker-options]');
    if (!input || !list) return;
    var timer = null, seq = 0;
    function option(code, name, checked) {
      var li = document.createElement('li'), label = document.createElement('label');
      var radio = document.createElement('input');
      radio.type = 'radio'; radio.name = 'bureauCode'; radio.value = code; radio.required = true; radio.checked = checked;
      var n = document.createElement('span'); n.className = 'picker-name'; n.textContent = name;
      var c = document.createElement('span'); c.className = 'code'; c.textContent = code;
      label.appendChild(radio); label.appendChild(document.createTextNode(' ')); label.appendChild(n);
      label.appendChild(document.createTextNode(' ')); label.appendChild(c);
      li.appendChild(label);
      return li;
    }
    function render(rows) {
      // The bureau already chosen stays on top, so typing a new query never loses the choice.
      var current = list.querySelector('input:checked'), keep = null;
      if (current) keep = { code: current.value, name: current.parentNode.querySelector('.picker-name').textContent };
      list.textContent = '';
      if (keep && !rows.some(function (b) { return b.code === keep.code; })) list.appendChild(option(keep.code, keep.name, true));
      rows.forEach(function (b) { list.appendChild(option(b.code, b.name, !!keep && keep.code === b.code)); });
      if (!rows.length) {
        var empty = document.createElement('li'); empty.className = 'empty';
        empty.textContent = '没有找到您管辖范围内的匹配单位'; list.appendChild(empty);
      }
      picker.setAttribute('data-results-for', input.value.trim());
    }
    function search() {
      var q = input.value.trim(), n = ++seq;
      fetch('/api/bureaus?limit=10&q=' + encodeURIComponent(q), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (rows) { if (n === seq) render(rows); })
        .catch(function () { /* the 查找单位 button still works */ });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 250); });
    input.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      e.preventDefault(); clearTimeout(timer); search();
    });
  });
})();
`;
