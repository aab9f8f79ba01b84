// Native semantics for Dash 4's Checklist and RadioItems.
// Dash 4 renders them as an ARIA listbox whose options wrap native checkboxes or radios: a screen reader then
// meets interactive controls nested inside options, and a listbox without a name. The native inputs inside
// their <label>s already say everything, so this drops the listbox/option roles (and aria-selected, which is
// not allowed without them), names the view switch as a radio group, and names each filter group by its
// fieldset legend. React re-adds aria-selected when a choice changes; the observer strips it again before
// the next paint.
(function () {
  function fix(root) {
    root.querySelectorAll(".dash-options-list[role='listbox']").forEach(function (list) {
      if (list.id === "view") {
        list.setAttribute("role", "radiogroup");
        list.setAttribute("aria-label", "View");
      } else {
        list.setAttribute("role", "group");
        var legend = list.closest("fieldset") && list.closest("fieldset").querySelector("legend");
        if (legend) {
          if (!legend.id) { legend.id = "legend-" + list.id; }
          list.setAttribute("aria-labelledby", legend.id);
        }
      }
    });
    root.querySelectorAll(".dash-options-list-option[role='option'], .dash-options-list-option[aria-selected]")
      .forEach(function (option) {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
  }
  function start() {
    fix(document);
    new MutationObserver(function () { fix(document); }).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["role", "aria-selected"]
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
