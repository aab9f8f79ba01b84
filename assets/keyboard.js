// Keyboard paths the widgets do not give by themselves:
// - the chart's range buttons (SVG groups drawn by Plotly) become focusable buttons, Enter or Space presses them;
// - in a table grid, Enter on a cell with a link opens the link, Enter on any other cell opens the row's detail
//   drawer (the same drawer a click on a chart point opens), and focus moves into the drawer;
// - Escape closes the drawer and gives focus back to where it was;
// - "View as table" moves focus to the first row of the first table once it is there.
(function () {
  "use strict";
  var opener = null;  // the element that had focus when the drawer opened

  function label(button) {
    return "Show " + (button.textContent || "").trim() + " on the time axis";
  }

  function makeFocusable(root) {
    root.querySelectorAll(".updatemenu-button:not([tabindex])").forEach(function (button) {
      button.setAttribute("tabindex", "0");
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", label(button));
      button.setAttribute("focusable", "true");
    });
  }

  function press(element) {
    ["mousedown", "mouseup", "click"].forEach(function (type) {
      element.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, view: window}));
    });
  }

  function drawer() { return document.getElementById("detail-drawer"); }

  function pickRow(cell) {
    var row = cell.closest(".ag-row"), box = cell.closest(".grid-box");
    var table = box && Array.prototype.map.call(box.classList, function (c) { return c; })
      .filter(function (c) { return c.indexOf("grid-") === 0 && c !== "grid-box"; })[0];
    var id = row && row.getAttribute("row-id");
    if (!table || !id || !window.dash_clientside || !window.dash_clientside.set_props) { return false; }
    opener = cell;
    window.dash_clientside.set_props("row-pick", {data: {table: table.slice(5), id: id, at: Date.now()}});
    return true;
  }

  function onKey(event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.classList &&
        target.classList.contains("updatemenu-button")) {
      event.preventDefault();
      press(target);
      return;
    }
    if (event.key === "Enter" && target.closest && target.closest(".grid-box") && target.classList.contains("ag-cell")) {
      var link = target.querySelector("a[href]");
      if (link) {
        link.click();
      } else {
        pickRow(target);
      }
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    var open = drawer();
    if (event.key === "Escape" && open && !open.hidden) {
      event.preventDefault();
      document.getElementById("detail-close").click();
    }
  }

  // The drawer opened: focus into it (remembering where it came from); closed: focus back there.
  function onDrawer(open) {
    if (!open.hidden) {
      if (!open.contains(document.activeElement)) {
        opener = opener || document.activeElement;
        open.focus();
      }
      return;
    }
    var back = opener;
    opener = null;
    if (back && document.body.contains(back)) { back.focus(); }
  }

  // "View as table": focus the first cell of the first table as soon as it is drawn.
  function focusTableSoon(tries) {
    var cell = document.querySelector("#section-table:not([hidden]) .grid-box .ag-center-cols-container .ag-cell");
    if (cell) { cell.focus(); return; }
    if (tries > 0) { setTimeout(function () { focusTableSoon(tries - 1); }, 100); }
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button");
    if (button && /"kind":"as-table"/.test(button.id || "")) { focusTableSoon(100); }
  }

  function start() {
    makeFocusable(document);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === "attributes" && record.target === drawer()) { onDrawer(record.target); }
      });
      makeFocusable(document);
    }).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["hidden"]});
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("click", onClick);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
