// Loaded (small, not deferred) in <head>, so it runs before the first
// paint: applies the reader's remembered text size and marks the page
// `js`, which shows the reader tools (reader.js). Nothing moves later.
(function (root) {
  root.classList.add("js");
  try {
    var scale = localStorage.getItem("bantin-text-size");
    if (scale) root.style.setProperty("--text-scale", scale);
  } catch (e) {
    // Storage refused (private mode): the default size.
  }
})(document.documentElement);
