// Reader tools of articles and pages: a print button, and a text-size
// control (A− A A+) whose choice is remembered in localStorage. The inline
// script in <head> applies the remembered size before the first paint and
// marks the page `js`, which shows these tools: without scripts they are
// never shown, so nothing moves when this file loads.
(function () {
  var root = document.documentElement;
  var KEY = "bantin-text-size";
  var STEPS = [0.9, 1, 1.15, 1.3, 1.5];

  function current() {
    var scale = parseFloat(root.style.getPropertyValue("--text-scale"));
    return STEPS.indexOf(scale) >= 0 ? scale : 1;
  }

  function update() {
    var i = STEPS.indexOf(current());
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      var step = button.getAttribute("data-text-size");
      button.disabled = (step === "smaller" && i === 0) || (step === "larger" && i === STEPS.length - 1);
      if (step === "reset") button.setAttribute("aria-pressed", String(STEPS[i] === 1));
    });
  }

  function set(scale) {
    root.style.setProperty("--text-scale", String(scale));
    try {
      if (scale === 1) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(scale));
    } catch (e) {
      // Storage refused (private mode): the size holds for this page only.
    }
    update();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-print], [data-text-size]");
    if (!target) return;
    if (target.hasAttribute("data-print")) {
      window.print();
      return;
    }
    var i = STEPS.indexOf(current());
    var step = target.getAttribute("data-text-size");
    if (step === "smaller") set(STEPS[Math.max(0, i - 1)]);
    else if (step === "larger") set(STEPS[Math.min(STEPS.length - 1, i + 1)]);
    else set(1);
  });
  update();

  // Browsers that cannot style ::details-content keep the main menu
  // behind its button; on a wide screen, open it.
  var menu = document.getElementById("site-nav");
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (menu && !styled && window.matchMedia && matchMedia("(min-width: 48rem)").matches) menu.open = true;
})();
