// Part of plotly-core.min.js: Plotly.newPlot, Plotly.react and Plotly.toImage load the add-on a figure's trace
// types need (plotly-geo.min.js for scattergeo, ...) before drawing, once; figures without them draw at once.
// Where an add-on is: the URL in `<script type="application/json" id="plotly-addons">{"geo": URL, ...}</script>`
// when the page has one (the app puts fingerprinted URLs there), else beside this bundle's own file. A page that
// inlines an add-on after the core (the HTML export) has it registered before anything draws.
'use strict';

module.exports = function addonLoader(Plotly, addonOf) {
  var own = document.currentScript && document.currentScript.src;
  var loaded = {};  // add-on name: true once registered
  var loading = {};  // add-on name: the promise of its script
  var waiting = null;  // while calls wait for an add-on, later calls wait behind them (drawn in call order)

  Plotly._addonLoaded = function (types) {
    types.forEach(function (type) { loaded[addonOf[type]] = true; });
  };

  function addonUrl(name) {
    var listed = document.getElementById('plotly-addons');
    var urls = listed ? JSON.parse(listed.textContent) : {};
    if (urls[name]) return urls[name];
    if (!own) throw new Error('plotly.js add-on ' + name + ': no URL given and no script URL to start from');
    return own.replace(/[^/?#]*([?#].*)?$/, 'plotly-' + name + '.min.js');
  }

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = addonUrl(name);
        script.onload = function () {
          if (loaded[name]) resolve(); else reject(new Error('plotly.js add-on ' + name + ' did not register'));
        };
        script.onerror = function () {
          delete loading[name];  // a later draw tries again
          reject(new Error('plotly.js add-on ' + name + ' could not be loaded from ' + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  function missing(traces) {
    var names = [];
    (Array.isArray(traces) ? traces : []).forEach(function (trace) {
      var name = addonOf[(trace && trace.type) || 'scatter'];
      if (name && !loaded[name] && names.indexOf(name) < 0) names.push(name);
    });
    return names;
  }

  function traces(figureOrData) {
    if (Array.isArray(figureOrData)) return figureOrData;
    return figureOrData && Array.isArray(figureOrData.data) ? figureOrData.data : [];
  }

  function wrap(method, tracesOf) {
    var original = Plotly[method];
    Plotly[method] = function () {
      var self = this, args = arguments, need = missing(tracesOf(args));
      if (!need.length && !waiting) return original.apply(self, args);
      var call = Promise.all([waiting].concat(need.map(load))).then(function () {
        return original.apply(self, args);
      });
      var settled = call.then(function () {}, function () {}).then(function () {
        if (waiting === settled) waiting = null;
      });
      waiting = settled;
      return call;
    };
  }

  wrap('newPlot', function (args) { return traces(args[1]); });  // (gd, data | figure, layout, config)
  wrap('react', function (args) { return traces(args[1]); });
  wrap('toImage', function (args) { return traces(args[0]); });  // (gd | figure, options)
};
