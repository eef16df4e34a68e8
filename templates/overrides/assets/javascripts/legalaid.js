/* Two small changes to how Material talks to the network, for readers on slow, metered links.
 *
 * 1. The search index is fetched only when the reader opens search. Material fetches
 *    search/search_index.json on every first page view over HTTP (it already waits for the
 *    reader on file://); requests for it are held here until the search box is opened or
 *    focused, then sent unchanged.
 * 2. Material looks for sitemap.xml next to every <link rel="alternate"> to map pages between
 *    languages. Our alternates already point at the counterpart page, so those lookups can only
 *    fail (two 404 round trips per page view); they are answered here, locally and empty.
 */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (job) { send.apply(job.xhr, job.args); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var target = String(url);
    this.__legalaidIndex = /search\/search_index\.json(\?|$)/.test(target);
    if (/\/sitemap\.xml(\?|$)/.test(target)) args[1] = "data:application/xml,";
    return open.apply(this, args);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__legalaidIndex && !released) {
      waiting.push({ xhr: this, args: arguments });
      return;
    }
    return send.apply(this, arguments);
  };

  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("input.md-search__input")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest && event.target.closest("label[for='__search']");
    if (el) release();
  });
})();
