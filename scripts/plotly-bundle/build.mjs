// Builds the app's plotly.js as one core bundle and add-ons that the core loads when a figure first needs them.
//
//   node build.mjs OUT_DIR VERSION       (run by scripts/build-plotly-bundle, from this folder)
//
// plotly-core.min.js: core.js (plotly.js's core: scatter and the components the app uses) and a loader (loader.js).
// plotly-bundles.json: the files and the trace types of each (read by tracker/plotly_bundles.py).
// plotly-<addon>.min.js: Plotly.register(<trace module>) for one trace type. An add-on cannot carry its own copy
// of plotly.js's internals (the registry, d3, the plot API: they keep state), so every module the core already
// holds is taken from the core: the core exports them in a list (`Plotly._shared`, by a generated entry), and the
// add-on's build resolves each of them to `module.exports = Plotly._shared[i]` (the plugin below). The list's
// fingerprint is checked by each add-on, so an add-on built against another core refuses to register.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { minify } from 'terser';

const [outDir, version] = process.argv.slice(2);
export const ADDONS = {  // add-on name: [the trace types it registers, the module that registers them]
  bar: [['bar'], 'plotly.js/lib/bar'],  // By year
  geo: [['scattergeo'], 'plotly.js/lib/scattergeo'],  // the Map view (topojson from assets/topojson/)
  // The timeline above timeline.GL_THRESHOLD points. The "strict" flavour (as in plotly.js's own index-strict.js)
  // uses precompiled regl commands: no eval, so it runs under the app's CSP.
  gl: [['scattergl'], 'plotly.js/src/traces/scattergl/strict'],
};
const LICENCE = `Copyright 2012-2026, Plotly, Inc. MIT license.`;

// plotly.js's own esbuild settings for its dist bundles (its esbuild-config.js), minified (and then by terser). `.css` empty: the
// registry requires maplibre-gl's CSS (for map traces, not built here); plotly.js inlines it, we drop it.
const common = {
  bundle: true, minify: true, format: 'iife', target: 'es2016', legalComments: 'eof', logLevel: 'warning',
  define: { global: 'window', 'define.amd': 'false' }, alias: { regl: '@plotly/regl' }, loader: { '.css': 'empty' },
};

function coreEntry(shared) {
  const requires = shared.map((file) => `  require(${JSON.stringify('./' + file)}),`).join('\n');
  const types = Object.fromEntries(Object.entries(ADDONS).flatMap(([name, [traces]]) => traces.map((t) => [t, name])));
  return `'use strict';
var Plotly = require('./core.js');
require('./loader.js')(Plotly, ${JSON.stringify(types)});
Plotly._shared = [\n${requires}\n];
module.exports = Plotly;
`;
}

function addonEntry(name, fingerprint) {
  const [traces, module] = ADDONS[name];
  return `'use strict';
var Plotly = window.Plotly;
if (!Plotly || Plotly._sharedFingerprint !== ${JSON.stringify(fingerprint)}) {
  throw new Error('plotly-${name}.min.js was built for another plotly-core.min.js: rebuild both');
}
Plotly.register(require(${JSON.stringify(module)}));
Plotly._addonLoaded(${JSON.stringify(traces)});
`;
}

function fromCore(shared) {  // esbuild plugin: every module the core holds comes from the core's list
  const index = new Map(shared.map((file, i) => [path.resolve(file), i]));
  return {
    name: 'from-core',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'inner' || args.kind === 'entry-point') return undefined;
        const found = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'inner' });
        if (found.errors.length || !index.has(found.path)) return undefined;
        return { path: String(index.get(found.path)), namespace: 'core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({
        contents: `module.exports = window.Plotly._shared[${args.path}];`, loader: 'js',
      }));
    },
  };
}

async function build(entry, outfile, banner, extra = {}) {
  const file = `.entry-${path.basename(outfile)}.js`;
  writeFileSync(file, entry);
  try {
    const result = await esbuild.build({ ...common, ...extra, entryPoints: [file], outfile, banner: { js: banner } });
    if (extra.write !== false) {  // terser's second pass takes another 3-4% off esbuild's output (the export inlines it)
      const code = readFileSync(outfile, 'utf8');
      const smaller = await minify(code, { compress: { passes: 2 }, mangle: true, format: { comments: /^!/ } });
      writeFileSync(outfile, smaller.code);
    }
    return result;
  } finally {
    rmSync(file);
  }
}

// 1. The core's module graph (a first build, thrown away), without the entry, the loader and CSS.
const probe = await build(coreEntry([]), path.join(outDir, '.probe.js'), '', { metafile: true, write: false });
const shared = Object.keys(probe.metafile.inputs)
  .filter((f) => f.startsWith('node_modules/') && !f.endsWith('.css')).sort();
const fingerprint = createHash('sha256').update(version + '\n' + shared.join('\n')).digest('hex').slice(0, 16);

// 2. The core, exporting that list and its fingerprint.
const coreBanner = `/*! plotly.js v${version}, core bundle for this app (scatter; loads add-ons: ${Object.keys(ADDONS).join(', ')}), built by
 scripts/build-plotly-bundle from scripts/plotly-bundle/. ${LICENCE} */`;
await build(coreEntry(shared).replace('module.exports = Plotly;',
  `Plotly._sharedFingerprint = ${JSON.stringify(fingerprint)};\nmodule.exports = Plotly;`),
  path.join(outDir, 'plotly-core.min.js'), coreBanner, { globalName: 'Plotly' });

// 3. Each add-on against that core.
for (const name of Object.keys(ADDONS)) {
  const banner = `/*! plotly.js v${version}, add-on for plotly-core.min.js: ${ADDONS[name][0].join(', ')}. ${LICENCE} */`;
  await build(addonEntry(name, fingerprint), path.join(outDir, `plotly-${name}.min.js`), banner,
    { plugins: [fromCore(shared)] });
}
// 4. What the app and the HTML export read to know the files and which trace types each add-on registers.
const manifest = {
  version, core: 'plotly-core.min.js', core_traces: ['scatter'],
  addons: Object.fromEntries(Object.entries(ADDONS).map(([name, [traces]]) => [name, { file: `plotly-${name}.min.js`, traces }])),
};
writeFileSync(path.join(outDir, 'plotly-bundles.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const name of ['plotly-core', ...Object.keys(ADDONS).map((n) => `plotly-${n}`)]) {
  const text = readFileSync(path.join(outDir, `${name}.min.js`));
  console.log(`${name}.min.js: ${text.length} bytes, sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 16)}`);
}
