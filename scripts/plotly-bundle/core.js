// plotly.js's src/core.js (v4.1.1) with only the components the app's figures use registered: annotations,
// shapes, updatemenus (the range buttons), colorscale and colorbar (the map), legend, hover (fx), the mode bar,
// and selections (the cartesian drag code needs it). Left out: annotations3d, sliders, images, rangeslider,
// rangeselector, grid, errorbars. scatter is the one trace type; the others come as add-ons (build.mjs).
// After a plotly.js upgrade, compare this with node_modules/plotly.js/src/core.js.
'use strict';

exports.version = require('plotly.js/src/version').version;

require('native-promise-only');  // as plotly.js: a promise polyfill, and the plot CSS
require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;

var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];  // _ -> private, registered for internal use
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});

register(require('plotly.js/src/traces/scatter'));
register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/updatemenus'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'), // after shapes: legend defaults depend on shapes
    require('plotly.js/src/components/fx'), // after legend: unified hover defaults depend on legends
    require('plotly.js/src/components/modebar')
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);

exports.Icons = require('plotly.js/src/fonts/ploticon');
var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');
exports.Plots = { resize: Plots.resize, graphJson: Plots.graphJson, sendDataToCloud: Plots.sendDataToCloud };
exports.Fx = { hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover };
exports.Snapshot = require('plotly.js/src/snapshot');
exports.PlotSchema = require('plotly.js/src/plot_api/plot_schema');
