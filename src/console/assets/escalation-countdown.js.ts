// Live countdowns on the escalation page: seconds left from the server's "now" (so a test clock or a skewed PC
// shows the same). Served at /console/assets/escalation-countdown.js (the CSP allows no inline script).
export const ESCALATION_COUNTDOWN_JS = `
(function () {
  var root = document.querySelector('[data-server-now]');
  if (!root) return;
  var skew = Number(root.getAttribute('data-server-now')) - Date.now();
  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return (d ? d + ' 天 ' : '') + (d || h ? h + ' 小时 ' : '') + m + ' 分 ' + (d ? '' : (s % 60) + ' 秒');
  }
  function tick() {
    var els = document.querySelectorAll('[data-due]');
    for (var i = 0; i < els.length; i++) {
      var left = Number(els[i].getAttribute('data-due')) - (Date.now() + skew);
      els[i].textContent = left >= 0 ? '还剩 ' + span(left) : '已超时 ' + span(left);
      els[i].className = left >= 0 ? 'countdown' : 'countdown overdue';
    }
  }
  tick();
  setInterval(tick, 1000);
})();
`;
