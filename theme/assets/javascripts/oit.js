/* OIT disclosure site: the little script the site adds to Material's.
   A file of its own (no inline script), so the site runs under a Content-Security-Policy
   that allows scripts from the site itself only. */
(function () {
  "use strict";

  // Thai digits typed in the search box become Arabic ones, as they are in the index. And
  // search runs on any change of the text: Material searches when a key is released, and
  // text pasted from a menu or written by an on-screen keyboard releases none.
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box || !box.matches || !box.matches("[data-md-component=search-query]")) return;
    if (/[\u0e50-\u0e59]/.test(box.value)) {
      var at = box.selectionStart;
      box.value = box.value.replace(/[\u0e50-\u0e59]/g, function (d) {
        return String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48);
      });
      box.setSelectionRange(at, at);
    }
    box.dispatchEvent(new Event("keyup"));
  }, true);

  // The header's menu and search buttons are labels of Material's hidden checkboxes: made
  // reachable by keyboard (Material itself clicks a focused label on Enter; Space, as on a
  // button, is ours), as Material makes the labels of its own navigation. They stay plain
  // labels, named by their text: ARIA allows a label no role, nor a name of its own
  // (aria-label). On a phone the closed menu's links leave the tab order.
  var names = { __drawer: "เมนู", __search: "ค้นหา" };
  document.querySelectorAll("label.md-header__button[for]").forEach(function (button) {
    var name = names[button.htmlFor];
    if (!name) return;
    button.setAttribute("tabindex", "0");
    var text = document.createElement("span");
    text.className = "oit-visually-hidden";
    text.textContent = name;
    button.appendChild(text);
    button.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        button.click();
      }
    });
  });
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".md-sidebar--primary");
  var offCanvas = window.matchMedia("(max-width: 76.234375em)");
  function closedMenu() {
    if (drawer && menu) menu.inert = offCanvas.matches && !drawer.checked;
  }
  if (drawer) drawer.addEventListener("change", closedMenu);
  offCanvas.addEventListener("change", closedMenu);
  document.addEventListener("click", function () { setTimeout(closedMenu, 0); });
  closedMenu();

  // A link to a content tab opens that tab (Material's content partial, without inline script).
  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;

  // Not found: an assessor who typed an item code in capitals (/2568/O1/) is sent to the
  // real page (/2568/o1/), even on a static host with no redirect rules.
  if (document.querySelector("[data-oit-not-found]")) {
    var m = location.pathname.match(/^(.*\/)([0-9]{4})\/O([0-9]+)(\/.*)?$/);
    if (m) location.replace(m[1] + m[2] + "/o" + m[3] + (m[4] || "/") + location.search + location.hash);
  }
})();
