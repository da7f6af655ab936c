// The review page sends approve and reject with htmx and swaps only the clause it changed (the coverage comes out
// of band). The button pressed is gone with the old clause: put focus on the next draft still undecided, in this
// clause or the ones after it (then before it), else on the clause's heading, so a keyboard review goes on; and
// clear the messages of earlier actions, which a reload would have cleared.
(function () {
  "use strict";

  function firstDraftButton(block) {
    var row = block.querySelector("tr.criterion-draft");
    return row && row.querySelector(".actions-cell button");
  }

  function nextUndecided(block) {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("[data-review-block]"));
    var at = blocks.indexOf(block);
    var order = blocks.slice(at).concat(blocks.slice(0, at));
    for (var i = 0; i < order.length; i++) {
      var button = firstDraftButton(order[i]);
      if (button) return button;
    }
    return null;
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    // An outerHTML swap reports the element it replaced: the block now shown is the one with its id.
    var swapped = event.detail && event.detail.target;
    if (!swapped || !swapped.matches || !swapped.matches("[data-review-block]")) return;
    var block = document.getElementById(swapped.id);
    if (!block) return;
    // A message from an earlier action, in another clause or at the top, is no longer news.
    document.querySelectorAll("[data-review-message], #content > .messagelist, .messagelist:not(.review-messages)")
      .forEach(function (old) { if (!block.contains(old)) old.remove(); });
    var target = nextUndecided(block);
    if (!target) {
      target = block.querySelector("h3");
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  });
})();
