// Client-side callbacks, called from Python with ClientsideFunction("dprk", name). No code is built from strings.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  dprk: {
    // One section visible: the chosen view's.
    showView: function (view, ids) {
      return (ids || []).map(function (id) { return id !== view; });
    },

    // The Filters button: open or close the panel (it is always open on wide screens, by CSS).
    toggleFilters: function (n) {
      var open = Boolean(n % 2);
      return [open ? "filters open" : "filters", open ? "true" : "false"];
    },

    // The in-page views' programs, fetched from their immutable URLs (tracker/program_files.py): the index page
    // preloads the current one, and a second visit takes it from the browser's cache. One output per view.
    fetchPrograms: function (urls) {
      return Promise.all((urls || []).map(function (url) {
        return fetch(url, {credentials: "same-origin"}).then(function (response) {
          if (!response.ok) { throw new Error("program " + url + ": HTTP " + response.status); }
          return response.json();
        });
      }));
    },

    // AG Grid's component bundle, loaded when the Table view first opens (the server sends the grids once it is
    // in): Dash serves it but the page does not link it; its URL is in the page's component-scripts element.
    loadGridLibrary: function (view) {
      if (view !== "table") { return window.dash_clientside.no_update; }
      if (window.dash_ag_grid) { return "loaded"; }
      if (!gridLibrary) {
        gridLibrary = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = JSON.parse(document.getElementById("component-scripts").textContent).dash_ag_grid;
          script.onload = function () { resolve("loaded"); };
          script.onerror = function () {
            gridLibrary = null;  // the next visit to the Table view tries again
            reject(new Error("AG Grid could not be loaded from " + script.src));
          };
          document.head.appendChild(script);
        });
      }
      return gridLibrary;
    },

    copyLink: function (n) {
      if (!n) { return window.dash_clientside.no_update; }
      var url = window.location.href;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).catch(function () {});
        return "Link copied: " + url;
      }
      return "Copy this link: " + url;
    },

    // "only" beside a filter choice: that choice alone in its widget (the widget change redraws and writes the URL).
    onlyThis: function (clicks) {
      var ctx = window.dash_clientside.callback_context;
      if (!ctx.triggered.length || !ctx.triggered[0].value) { return window.dash_clientside.no_update; }
      return [JSON.parse(ctx.triggered[0].prop_id.split(".")[0]).choice];
    },

    // PNG of the chart as shown, plus the title, the headline, the filters in words, the source line, the view's
    // address (the public one when the server has one, else this page's, said to be local) and the data date;
    // without the range buttons (they are controls, not content). The file is named from the view and filters.
    downloadPng: function (clicks, publicUrl, fileSuffix) {
      var ctx = window.dash_clientside.callback_context;
      if (!ctx.triggered.length || !ctx.triggered[0].value) { return window.dash_clientside.no_update; }
      var id = JSON.parse(ctx.triggered[0].prop_id.split(".")[0]);
      var gd = document.querySelector("#graph-" + id.view + " .js-plotly-plot");
      var heading = document.getElementById("title-" + id.view);
      if (!gd || !window.Plotly || !heading) { return window.dash_clientside.no_update; }
      var title = heading.textContent;
      var dataDate = (document.querySelector(".footer") || {}).textContent || "";
      var headline = (document.getElementById("headline") || {}).textContent || "";
      var filters = (document.getElementById("filter-words") || {}).textContent || "";
      var query = window.location.search;
      var address = publicUrl ? (publicUrl.indexOf("?") >= 0 && query ? publicUrl + "&" + query.slice(1)
                                                                      : publicUrl + query)
        : window.location.href + " (a local address: it opens only where this dashboard runs)";
      var layout = JSON.parse(JSON.stringify(gd.layout));
      layout.updatemenus = [];
      layout.width = 1200; layout.height = 720;
      layout.margin = Object.assign({}, layout.margin, {t: 190, l: 70, r: 30});
      var foot = "Source: DPRK launches and the UN Security Council dataset (CNS/NTI, ROK JCS, Japan MOD, UN). " +
        escapeText(dataDate.split(".")[0]) + ".<br>" + escapeText(address);
      layout.title = {text: "<b>" + escapeText(title) + "</b><br><span style='font-size:13px'>" +
        escapeText(headline) + "</span><br><span style='font-size:11px'>" + escapeText(filters) +
        "</span><br><span style='font-size:11px;color:#444'>" + foot + "</span>",
        x: 0.01, xanchor: "left", y: 0.955, yanchor: "top", yref: "container"};
      window.Plotly.toImage({data: gd.data, layout: layout, config: {staticPlot: true}},
                            {format: "png", width: 1200, height: 720, scale: 2})
        .then(function (url) {
          var a = document.createElement("a");
          a.href = url; a.download = (heading.dataset.filename || "chart") + (fileSuffix || "") + ".png";
          document.body.appendChild(a); a.click(); a.remove();
        });
      return window.dash_clientside.no_update;
    }
  }
});

var gridLibrary = null;  // the promise of AG Grid's script, once asked for

function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
