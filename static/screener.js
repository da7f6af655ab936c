// After htmx swaps in a new step, keep keyboard and screen-reader users where the page now starts:
// the error summary if there is one, otherwise the heading. Also keep the tab's title in step.
(function () {
  "use strict";

  function settle(root) {
    var panel = document.getElementById("panel");
    if (!panel) return;
    if (panel.dataset.title) document.title = panel.dataset.title;
    var target = panel.querySelector(".error-summary[data-focus]") || (root && panel.querySelector("[data-focus]"));
    if (target) target.focus();
  }

  // The language switch sits outside the swapped panel: it must come back to the page now shown.
  function keepLanguageSwitchInStep() {
    var next = document.querySelector("[data-language-next]");
    if (next) next.value = window.location.pathname + window.location.search;
  }

  // A tick or a number not yet sent survives a switch of language: the switch carries the answer form's
  // values (without JavaScript, the switch's button belongs to the answer form itself).
  function carryUnsentAnswer(event) {
    var switchForm = event.target;
    if (!switchForm.classList || !switchForm.classList.contains("language-switch")) return;
    switchForm.querySelectorAll("[data-carried]").forEach(function (input) { input.remove(); });
    var answerForm = document.getElementById("answer-form");
    if (!answerForm) return;
    new FormData(answerForm).forEach(function (value, name) {
      if (name !== "answer" && !/-(answer|dont_know|never)$/.test(name)) return;  // a screen's fields too
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      input.setAttribute("data-carried", "");
      switchForm.appendChild(input);
    });
  }

  function switchOwnsItsButton() {
    document.querySelectorAll(".language-switch button[form]").forEach(function (button) {
      button.removeAttribute("form");
      button.removeAttribute("formaction");
    });
  }

  // A link of the error summary goes to its question's first control. Followed as a plain link, the browser puts
  // that control at the top of the window and the question and its error scroll out of sight (on a phone): bring
  // the whole question into view, its legend or label first, then focus the control without scrolling again.
  function followErrorLink(event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var control = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    var group = control && control.closest(".form-group");
    if (!group) return;
    event.preventDefault();
    var top = group.getBoundingClientRect().top;
    var bottom = control.getBoundingClientRect().bottom;
    if (bottom - top <= window.innerHeight) group.scrollIntoView({ block: "start" });
    else control.scrollIntoView({ block: "end" });
    control.focus({ preventScroll: true });
  }

  document.addEventListener("click", followErrorLink);
  document.addEventListener("submit", carryUnsentAnswer, true);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "panel") settle(true);
    keepLanguageSwitchInStep();
  });
  document.addEventListener("htmx:pushedIntoHistory", keepLanguageSwitchInStep);
  document.addEventListener("DOMContentLoaded", function () { switchOwnsItsButton(); settle(false); });
})();
