/* Material for MkDocs' storage helpers (partials/javascripts/base.html), loaded from a
   file so that no script is inline. They must be globals, set before Material's bundle. */
__md_scope = new URL(document.currentScript.getAttribute("data-md-scope"), location);
__md_hash = function (e) { return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0); };
__md_get = function (e, s, t) {
  s = s || localStorage; t = t || __md_scope;
  return JSON.parse(s.getItem(t.pathname + "." + e));
};
__md_set = function (e, v, s, t) {
  s = s || localStorage; t = t || __md_scope;
  try { s.setItem(t.pathname + "." + e, JSON.stringify(v)); } catch (err) { /* storage full or blocked */ }
};

/* The search index (a third of a page's weight) is fetched when a reader opens search,
   not on every page: Material asks for it as the page loads, and its request waits here
   until the search box takes focus (a click, a tap, or the s, f and / keys), or at once
   when the address carries a query (?q=). */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var wanted = /[?&]q=/.test(location.search), waiting = [];
  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (held) { send.apply(held[0], held[1]); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__oitIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.__oitIndex && !wanted) {
      waiting.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) want();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("label[for=__search], [data-md-component=search]")) want();
  }, true);
})();
