// Share links without third-party scripts: "copy link" copies the page's
// address (without this script it is a plain link to the page), and the
// browser's own share sheet is offered where the Web Share API exists.
(function () {
  "use strict";
  document.querySelectorAll(".share").forEach(function (box) {
    var status = box.querySelector(".share-status");
    var copy = box.querySelector(".copy-link");
    if (copy && navigator.clipboard) {
      copy.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.clipboard.writeText(copy.href).then(function () {
          if (status) status.textContent = copy.getAttribute("data-copied") || "";
        });
      });
    }
    var native = box.querySelector(".web-share");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.getAttribute("data-title"), url: native.getAttribute("data-url") })
          .catch(function () { /* the reader closed the share sheet */ });
      });
    }
  });
})();
