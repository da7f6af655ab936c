// Warn staff before the idle logout (the server ends the session after STAFF_IDLE_SECONDS), and let
// them stay with one click. When the time is up, reload: the server sends them to the login page.
(function () {
  "use strict";
  var box = document.getElementById("idle-warning");
  if (!box) return;
  var idle = parseInt(box.dataset.idleSeconds, 10) * 1000;
  var warning = parseInt(box.dataset.warningSeconds, 10) * 1000;
  var warnTimer, endTimer;

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    box.hidden = true;
    warnTimer = setTimeout(function () {
      box.hidden = false;
      box.querySelector("[data-stay]").focus();
    }, Math.max(idle - warning, 0));
    endTimer = setTimeout(function () { window.location.reload(); }, idle + 1000);
  }

  box.querySelector("[data-stay]").addEventListener("click", function () {
    fetch(box.dataset.keepaliveUrl, { credentials: "same-origin", cache: "no-store" }).then(schedule);
  });
  document.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
