// Progressive enhancement for "Find studies near you": suggestions come from htmx attributes on the
// town box; this offers the browser's location (rounded to about a kilometre before it is sent).
(function () {
  "use strict";

  function enhance(root) {
    var box = root.querySelector("[data-use-location]");
    if (!box || box.dataset.enhanced || !("geolocation" in navigator)) return;
    box.dataset.enhanced = "1";
    var button = box.querySelector("[data-use-location-button]");
    var status = box.querySelector("[data-use-location-status]");
    var form = box.closest("form");
    box.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.waiting || "…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(2);
          form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(2);
          form.querySelector("[name=place]").value = "";
          status.textContent = "";
          form.requestSubmit ? form.requestSubmit() : form.submit();
        },
        function () {
          status.textContent = button.dataset.failed || "";
        },
        { maximumAge: 600000, timeout: 15000 }
      );
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });
})();
