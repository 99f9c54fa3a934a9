// Live reload for `oit-site serve` / `mkdocs serve`, as a file of the site's own origin: the
// pages' Content-Security-Policy (script-src 'self') refuses the inline script MkDocs injects.
// It speaks MkDocs' protocol: GET /livereload/<epoch>/<request> answers once a build newer
// than <epoch> is visible, and the page then reloads.
(function () {
  "use strict";
  var me = document.currentScript;
  var epoch = parseFloat(me.getAttribute("data-epoch"));
  var requestId = me.getAttribute("data-request");
  var req, timeout;

  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  }

  function stop() {
    if (req) {
      req.abort();
    }
    if (timeout) {
      clearTimeout(timeout);
    }
    req = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") {
      poll();
    }
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      poll();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
})();
