// Builds ../../static/plotly.min.js: plotly.js with only the trace types Borderlines draws.
//
// The full plotly.min.js (4.8 MB, every trace type) cost chromium about 0.65 s more CPU on
// each load of the page than this bundle (1.8 MB), and 0.7 s more until the page was at rest
// (2 cores, the shipped data, a warm cache); a redraw costs the same with either.
// Run `npm ci && npm run build` here after changing TRACES or plotly's version (which must
// stay the plotly Python package's: tests/test_figures_plotlyjs.py checks both).
'use strict';

const path = require('path');
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { version } = require('plotly.js/package.json');

// scatter comes with plotly's core; graph/figures/plotlyjs.py lists the same four.
const TRACES = ['bar', 'scattergeo', 'scattergl'];

const entry = [
    "var Plotly = require('plotly.js/lib/core');",
    'Plotly.register([',
    ...TRACES.map((trace) => `    require('plotly.js/lib/${trace}'),`),
    ']);',
    'module.exports = Plotly;',
].join('\n');

const banner = [
    '/**',
    `* plotly.js v${version}`,
    `* traces: ${['scatter', ...TRACES].sort().join(', ')}`,
    '* Copyright 2012-2026, Plotly, Inc.',
    '* All rights reserved.',
    '* Licensed under the MIT license',
    '* Bundled for Borderlines by scripts/plotly/build.js',
    '*/',
].join('\n');

// The options are plotly.js's own (its esbuild-config.js), minified.
esbuild
    .build({
        stdin: { contents: entry, resolveDir: __dirname, sourcefile: 'borderlines-plotly.js' },
        outfile: path.join(__dirname, '..', '..', 'static', 'plotly.min.js'),
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        legalComments: 'none',
        banner: { js: banner },
        plugins: [
            InlineCSSPlugin(),
            glsl({ minify: true }),
            environmentPlugin({ NODE_DEBUG: false }),
        ],
        alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
        define: { global: 'window', 'define.amd': 'false' },
        target: 'es2016',
        logLevel: 'info',
    })
    .catch(() => process.exit(1));
