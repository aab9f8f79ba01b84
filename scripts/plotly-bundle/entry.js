// plotly.js with only the trace types the dashboard draws (tracker/figures/*.py), by plotly.js's documented
// modules approach: lib/core (which always holds scatter) plus Plotly.register([...]).
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'), // By year
    require('plotly.js/lib/scattergeo'), // Map (topojson from /assets/topojson/)
    // Timeline above timeline.GL_THRESHOLD points. The "strict" flavour (as in plotly.js's own
    // index-strict.js) uses precompiled regl commands: no eval, so it runs under the app's CSP.
    require('plotly.js/src/traces/scattergl/strict')
]);

module.exports = Plotly;
