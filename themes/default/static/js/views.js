// View counter: when the theme is given an endpoint, tell it about this
// visit (POST {endpoint}/{page id}) and show the count it returns. Without an
// endpoint this script is not included and the built count stays.
(function () {
  var script = document.currentScript;
  var endpoint = script && script.getAttribute("data-endpoint");
  if (!endpoint || !window.fetch) return;
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
  document.querySelectorAll("[data-page-id]").forEach(function (el) {
    var id = el.getAttribute("data-page-id").split("/").map(encodeURIComponent).join("/");
    fetch(endpoint.replace(/\/$/, "") + "/" + id, { method: "POST" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        var out = el.querySelector(".views-count");
        if (data && typeof data.views === "number" && out) out.textContent = format.format(data.views);
      })
      .catch(function () {});
  });
})();
