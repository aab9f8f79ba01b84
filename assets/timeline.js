// The timeline drawn in the page from its program (tracker/figures/timeline_program.py): a filter change
// redraws without a round trip to the server. The rules mirror Filters.apply and timeline_json; the Python
// figure is the reference and tests/test_client_filters.py compares the two for many filter sets.
(function () {
  "use strict";
  var DAY = 86400000;
  var POINT_ARRAYS = [["x"], ["y"], ["text"], ["customdata"], ["marker", "size"], ["marker", "color"],
                      ["marker", "symbol"], ["marker", "opacity"], ["marker", "line", "color"],
                      ["marker", "line", "width"]];

  function copy(value) { return JSON.parse(JSON.stringify(value)); }
  function toMs(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function toIso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function minusYears(ms, years) {  // as pandas.DateOffset(years=n): 29 February becomes 28 February
    var date = new Date(ms), year = date.getUTCFullYear() - years, month = date.getUTCMonth();
    var last = new Date(0);
    last.setUTCFullYear(year, month + 1, 0);
    var result = new Date(0);
    result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), last.getUTCDate()));
    return result.getTime();
  }

  // Per table, the set of row ids the filters keep (Filters.apply: dates, periods by overlap, choices).
  function keptRows(program, spec, f) {
    var kept = {};
    Object.keys(program.rows).forEach(function (table) {
      var rows = program.rows[table], ids = new Set();
      var tests = spec.filters.filter(function (filter) { return filter.table === table; }).map(function (filter) {
        return [rows[filter.column], new Set(f.choices[filter.widget])];
      });
      for (var i = 0; i < rows.id.length; i += 1) {
        var date = rows.date[i], last = rows.end_date ? (rows.end_date[i] || date) : date;
        if (f.start && !(last !== null && last >= f.start)) { continue; }
        if (f.end && !(date !== null && date <= f.end)) { continue; }
        if (tests.every(function (test) { return test[0][i] !== null && test[1].has(test[0][i]); })) {
          ids.add(rows.id[i]);
        }
      }
      kept[table] = ids;
    });
    return kept;
  }

  // A new trace with only the kept points: the objects on the way to a per-point array are copied (Plotly may
  // write to them), the arrays filtered; the full arrays of the program are never copied.
  function cut(trace, mask) {
    var out = Object.assign({}, trace);
    POINT_ARRAYS.forEach(function (path) {
      var source = trace, target = out;
      for (var i = 0; i < path.length - 1 && source; i += 1) {
        source = source[path[i]];
        if (source && typeof source === "object") {
          if (target[path[i]] === source) { target[path[i]] = Object.assign({}, source); }
          target = target[path[i]];
        }
      }
      var key = path[path.length - 1];
      if (source && Array.isArray(source[key]) && source[key].length === mask.length) {
        target[key] = source[key].filter(function (_, j) { return mask[j]; });
      }
    });
    return out;
  }

  function cutSegments(trace, mask) {  // line traces: x and y in threes (start, end, gap)
    var out = Object.assign({}, trace);
    ["x", "y"].forEach(function (key) {
      out[key] = trace[key].filter(function (_, j) { return mask[Math.floor(j / 3)]; });
    });
    return out;
  }

  function traces(program, kept) {
    var gl = kept.launches.size + kept.council_actions.size > program.gl_threshold;
    var totals = {}, out = [], present = new Set(), events = kept.context_events.size;
    var masks = program.traces.map(function (entry) {
      if (entry.keys) {
        var table = kept[entry.trace.meta.table];
        var mask = entry.keys.map(function (key) { return table.has(key); });
        totals[entry.group] = (totals[entry.group] || 0) + entry.weights.reduce(function (sum, w, j) {
          return sum + (mask[j] ? w : 0);
        }, 0);
        return mask;
      }
      if (entry.segments) {
        return entry.segments.map(function (keys) {
          return entry.links ? kept.council_actions.has(keys[0]) && kept.launches.has(keys[1])
                             : kept.context_events.has(keys[0]);
        });
      }
      return null;
    });
    program.traces.forEach(function (entry, i) {
      var mask = masks[i], shown = mask ? mask.filter(Boolean).length : 1, trace;
      if (entry.links && gl) { return; }
      if (!shown) { return; }
      if (entry.always) { out.push(copy(entry.trace)); return; }
      if (entry.segments) { out.push(cutSegments(entry.trace, mask)); return; }
      trace = cut(entry.trace, mask);
      trace.type = gl ? "scattergl" : "scatter";
      var total = totals[entry.group];
      trace.name = entry.label + " (" + total + (entry.units ? " " + entry.units[total === 1 ? 0 : 1] : "") + ")";
      if (entry.legend_first) { present.add(entry.label); }  // the lane's own legend entry comes first
      out.push(trace);
    });
    return {data: out, present: present, events: events};
  }

  // The filtered window padded a day each side, or first row to the last data point (timeline.x_window).
  function xWindow(program, kept, f) {
    var first = Infinity, last = -Infinity;
    ["launches", "council_actions"].forEach(function (table) {
      var rows = program.rows[table];
      rows.id.forEach(function (id, i) {
        if (!kept[table].has(id) || !rows.date[i]) { return; }
        var ms = toMs(rows.date[i]);
        first = Math.min(first, ms);
        last = Math.max(last, ms);
      });
    });
    if (f.start && f.end) { return {start: toMs(f.start) - DAY, end: toMs(f.end) + DAY, last: last}; }
    return {start: first - Math.max((last - first) * 0.01, 15 * DAY), end: last + (first === last ? 15 * DAY : 0),
            last: last};
  }

  // A veto's label stands on the side of its leader line with more room: to the right in the left half of the
  // visible dates, to the left in the right half (timeline.anchor_notes).
  function anchorNotes(notes, start, end) {
    notes.forEach(function (note) {
      var left = (toMs(note.x) - start) / (end - start) < 0.5;
      note.xanchor = left ? "left" : "right";
      note.align = note.xanchor;
      note.ax = left ? Math.abs(note.ax) : -Math.abs(note.ax);
    });
  }

  // A shading clipped to the window, or null outside it (timeline.clipped_shading): a period that began before
  // the window still shades it, its label at the window's left edge.
  function clipShading(item, start, end) {
    var x0 = toMs(item.shape.x0), x1 = item.gap ? end : toMs(item.shape.x1);
    if (!(x0 < end && x1 > start)) { return null; }
    var shape = copy(item.shape), label = copy(item.label);
    shape.x0 = toIso(Math.max(x0, start));
    shape.x1 = toIso(Math.min(x1, end));
    if (x0 < start) {
      label.x = shape.x0;
      label.xanchor = "left";
      label.text = label.text.replace(/[ →]+$/, "");
    }
    return [shape, label];
  }

  function layout(program, kept, drawn, window_, eventKinds) {
    var result = copy(program.layout), shapes = [], labels = [], stories = [];
    program.nuclear.forEach(function (rule) { if (kept.launches.has(rule.key)) { shapes.push(copy(rule.shape)); } });
    program.shading.forEach(function (item) {
      if (eventKinds.indexOf(item.kind) < 0) { return; }
      var drawn = clipShading(item, window_.start, window_.end);
      if (drawn) { shapes.push(drawn[0]); labels.push(drawn[1]); }
    });
    program.stories.forEach(function (story) {
      if (!kept.council_actions.has(story.draft)) { return; }
      var named = story.candidates.find(function (c) { return kept.launches.has(c.launch); });
      if (named) { stories.push(copy(named.annotation)); }
    });
    var menus = copy(program.range_buttons);
    menus[0].buttons.forEach(function (button, i) {
      var years = program.range_years[i];
      button.args[0]["xaxis.range"] = years === null ? [toIso(window_.start), toIso(window_.end)]
        : [toIso(minusYears(window_.last, years)), toIso(window_.last)];
    });
    var council = program.lanes[0], context = program.lanes[program.lanes.length - 1];
    var lanes = [council].concat(program.lanes.slice(1, -1).filter(function (lane) {
      return drawn.present.has(lane);
    }), eventKinds.length ? [context] : []);
    [[council, kept.council_actions.size], [context, drawn.events || !eventKinds.length]].forEach(function (pair) {
      if (pair[1]) { return; }  // an empty lane keeps its place, with a note (timeline.empty_lane)
      var empty = copy(program.empty_lanes[pair[0]]);
      empty[0].x = [toIso(window_.start)];
      drawn.data.push(empty[0]);
      labels.push(empty[1]);
    });
    anchorNotes(stories, window_.start, window_.end);
    result.shapes = shapes;
    result.annotations = stories.concat(labels);
    result.updatemenus = menus;
    result.xaxis.range = [toIso(window_.start), toIso(window_.end)];
    result.yaxis.categoryarray = lanes.reverse();
    return result;
  }

  // A phone (under 600 px) gets the last PHONE_YEARS years when no dates are chosen (1y/5y/all reach the rest),
  // short lane labels, and no hover labels (they start off screen there): a tap opens the row's drawer instead.
  var PHONE = "(max-width: 599px)", PHONE_YEARS = 5, SHORT_LANES = {"UN Security Council": "UNSC"};

  function forPhone(fig, f, window_) {
    var result = fig.layout;
    if (!f.start && !f.end && isFinite(window_.last)) {
      var start = minusYears(window_.last, PHONE_YEARS), end = window_.last + 15 * DAY;
      result.xaxis.range = [toIso(start), toIso(end)];
      anchorNotes(result.annotations.filter(function (note) { return note.showarrow; }), start, end);
    }
    var lanes = result.yaxis.categoryarray;
    result.yaxis.tickmode = "array";
    result.yaxis.tickvals = lanes;
    result.yaxis.ticktext = lanes.map(function (lane) { return SHORT_LANES[lane] || lane; });
    result.yaxis.tickfont = {size: 10};
    fig.data.forEach(function (trace) {
      if (trace.hoverinfo === "skip") { return; }
      trace.hoverinfo = "none";
      delete trace.hovertemplate;
    });
    return fig;
  }

  // The figure for these (clean) filters, equal to timeline_json(Filters.apply(dataset)) on the server (on a
  // phone, then adjusted by forPhone); called by filterState.syncAndDraw (assets/filter_state.js).
  function figure(program, spec, f) {
    var kept = keptRows(program, spec, f);
    if (!kept.launches.size && !kept.council_actions.size) { return copy(program.empty); }
    var drawn = traces(program, kept), window_ = xWindow(program, kept, f);
    var contextFilter = spec.filters.find(function (filter) { return filter.table === "context_events"; });
    var eventKinds = contextFilter ? f.choices[contextFilter.widget] : [];
    var fig = {data: drawn.data, layout: layout(program, kept, drawn, window_, eventKinds)};
    return window.matchMedia && window.matchMedia(PHONE).matches ? forPhone(fig, f, window_) : fig;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {timeline: {figure: figure}});
})();
