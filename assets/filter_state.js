// The viewer's filter state in the page: widgets <-> URL query, with no round trip to the server.
// The rules mirror tracker/filters.py (Filters.clean, from_query, to_query) and the reset, story and "View as
// table" buttons; the spec (choices, URL keys, story window, views, date limits) comes from Python in the
// "filter-spec" store (filters.filter_spec), declared once there.
// tests/test_client_filters.py checks this file against the Python for many URLs and events.
(function () {
  "use strict";
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  // A YYYY-MM-DD string inside the limits, or null (malformed or missing), as filters.clean_date.
  function cleanDate(spec, value) {
    if (typeof value !== "string" || value.length < 10) { return null; }
    var text = value.slice(0, 10), parts = DATE.exec(text);
    if (!parts) { return null; }
    var year = Number(parts[1]), month = Number(parts[2]), day = Number(parts[3]);
    var date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 ||
        date.getUTCDate() !== day) { return null; }
    if (text < spec.limits[0]) { return spec.limits[0]; }
    return text > spec.limits[1] ? spec.limits[1] : text;
  }

  // Only known choices (in schema order), only sane dates, only known views.
  function clean(spec, start, end, view, chosen) {
    var f = {start: cleanDate(spec, start), end: cleanDate(spec, end), choices: {},
             view: spec.views.indexOf(view) >= 0 ? view : spec.default_view};
    spec.filters.forEach(function (filter) {
      var given = chosen[filter.widget];
      if (given === undefined) { f.choices[filter.widget] = filter.choices.slice(); return; }
      var wanted = new Set(Array.isArray(given) ? given.filter(function (v) { return typeof v === "string"; }) : []);
      f.choices[filter.widget] = filter.choices.filter(function (c) { return wanted.has(c); });
    });
    return f;
  }

  function defaults(spec, view) { return clean(spec, null, null, view, {}); }

  function fromQuery(spec, search) {
    var query = new URLSearchParams((search || "").replace(/^\?/, "")), last = {};
    query.forEach(function (value, key) { last[key] = value; });  // the last of repeated keys wins
    var chosen = {};
    spec.filters.forEach(function (filter) {
      if (Object.prototype.hasOwnProperty.call(last, filter.key)) {
        chosen[filter.widget] = last[filter.key].split(",");
      }
    });
    var view = Object.prototype.hasOwnProperty.call(last, "view") ? last.view : spec.default_view;
    return clean(spec, last[spec.date_keys[0]], last[spec.date_keys[1]], view, chosen);
  }

  // Only what differs from the defaults, so the plain URL stays plain.
  function toQuery(spec, f) {
    var pairs = [];
    if (f.start) { pairs.push([spec.date_keys[0], f.start]); }
    if (f.end) { pairs.push([spec.date_keys[1], f.end]); }
    spec.filters.forEach(function (filter) {
      var value = f.choices[filter.widget];
      if (value.join(",") !== filter.choices.join(",")) {  // every choice is the default
        pairs.push([filter.key, value.join(",")]);
      }
    });
    if (f.view !== spec.default_view) { pairs.push(["view", f.view]); }
    if (!pairs.length) { return ""; }
    return "?" + pairs.map(function (pair) {
      return pair.map(function (part) { return encodeURIComponent(part).replace(/%2C/g, ","); }).join("=");
    }).join("&");
  }

  function fromWidgets(spec, values, view) {
    var chosen = {};
    spec.filters.forEach(function (filter, i) { chosen[filter.widget] = values[i + 2] || []; });
    return clean(spec, values[0], values[1], view, chosen);
  }

  function toWidgets(spec, f) {
    return [f.start, f.end].concat(spec.filters.map(function (filter) { return f.choices[filter.widget]; }));
  }

  // The filter state after an event, and whether the URL must be rewritten (not when it was the source).
  function transition(spec, trigger, search, values, view) {
    if (trigger === null || trigger === "url") { return {filters: fromQuery(spec, search), write: false}; }
    var current = fromWidgets(spec, values, view);
    if (trigger === "reset") { return {filters: defaults(spec, current.view), write: true}; }
    if (trigger === "story") {
      var story = defaults(spec, spec.default_view);
      story.start = spec.story[0];
      story.end = spec.story[1];
      return {filters: story, write: true};
    }
    if (trigger === "as-table") { current.view = "table"; }
    return {filters: current, write: true};
  }

  // "url", a widget id, "reset", "story", "as-table"... or null on the first call.
  function triggerName(ctx) {
    var triggered = (ctx && ctx.triggered) || [];
    if (!triggered.length || !triggered[0].prop_id || triggered[0].prop_id === ".") { return null; }
    var id = triggered[0].prop_id.slice(0, triggered[0].prop_id.lastIndexOf("."));
    if (id.charAt(0) === "{") { return JSON.parse(id).kind; }
    return id;
  }

  function same(a, b) {
    return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
  }

  // The address bar follows a change a moment later, off the redraw's path: writing it through the URL component
  // cost each click about 10 ms before the redraw. Quick clicks in a row make one history entry: each change
  // replaces the pending write, so only the latest state is written, and only if the address bar differs.
  var URL_DELAY_MS = 120, shownQuery = null, timer = null;

  function writeUrlSoon(query) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (query !== window.location.search) { window.dash_clientside.set_props("url", {search: query}); }
    }, URL_DELAY_MS);
  }

  // One callback for every change of the filter state, so a click costs the page one step before the redraw.
  // Inputs: url.search, every filter widget, view, reset, story, as-table (all), each in-page view's program;
  // State: the spec. Outputs: every filter widget and the view (only what changed: an echo costs the page a
  // re-render), the filters for the server-drawn views (only while one is shown), then each in-page view's
  // figure (assets/<view id>.js), drawn when that view is the one shown. The URL is written by writeUrlSoon.
  function syncAndDraw() {
    var args = Array.prototype.slice.call(arguments), spec = args[args.length - 1];
    var count = spec.filters.length + 2, noUpdate = window.dash_clientside.no_update;
    var search = args[0], values = args.slice(1, 1 + count), view = args[1 + count], asTable = args[4 + count];
    var programs = args.slice(5 + count, 5 + count + spec.page_drawn.length);
    var trigger = triggerName(window.dash_clientside.callback_context);
    var nothing = new Array(count + 2 + programs.length).fill(noUpdate);
    if (trigger === "as-table" && !(asTable || []).some(Boolean)) { return nothing; }
    var next = /^program-/.test(trigger || "") ? {filters: fromWidgets(spec, values, view), write: false}
      : transition(spec, trigger, search, values, view);
    var query = toQuery(spec, next.filters);
    if (trigger === "url" && query === shownQuery) { return nothing; }  // our own write coming back
    shownQuery = query;
    if (next.write) {
      writeUrlSoon(query);
    } else {  // the URL is the source (load, back, forward): a pending write of an older state is dropped
      clearTimeout(timer);
    }
    var widgets = toWidgets(spec, next.filters).map(function (value, i) {
      return same(value, values[i]) ? noUpdate : value;
    });
    var figures = spec.page_drawn.map(function (id, i) {
      var shown = next.filters.view === id && programs[i];
      return shown ? window.dash_clientside[id].figure(programs[i], spec, next.filters) : noUpdate;
    });
    // The server draws the other views: it hears of a change only while one of them is shown.
    var routed = spec.page_drawn.indexOf(next.filters.view) >= 0 ? noUpdate
      : {view: next.filters.view, values: toWidgets(spec, next.filters)};
    return widgets.concat([next.filters.view === view ? noUpdate : next.filters.view, routed], figures);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    filterState: {syncAndDraw: syncAndDraw, fromQuery: fromQuery, toQuery: toQuery, fromWidgets: fromWidgets,
                  transition: transition, toWidgets: toWidgets}
  });
})();
