// Draws the report's charts with uPlot from the JSON in #report-data (ChartSpec in src/report/html-charts.ts).
// Charts are redrawn when the colour scheme changes and before printing, so axes are readable on paper.
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('report-data').textContent).charts;
  var plots = [];
  var HEIGHT = 220;
  var PRINT_WIDTH = 680;

  function trim(n, digits) {
    return String(Number(n.toFixed(digits)));
  }

  function formatMs(v) {
    if (v === 0) return '0';
    if (v < 1) return trim(v * 1000, 0) + 'µs';
    if (v < 1000) return trim(v, v < 10 ? 2 : 1) + 'ms';
    return trim(v / 1000, 2) + 's';
  }

  function formatBytes(v) {
    if (v < 1000) return trim(v, v < 10 ? 1 : 0) + ' B';
    if (v < 1e6) return trim(v / 1e3, 1) + ' kB';
    if (v < 1e9) return trim(v / 1e6, 1) + ' MB';
    return trim(v / 1e9, 2) + ' GB';
  }

  function formatY(unit, v) {
    if (v == null) return '–';
    switch (unit) {
      case 'ms': return formatMs(v);
      case 'bytesPerSecond': return formatBytes(v) + '/s';
      case 'perSecond': return trim(v, 2) + '/s';
      case 'percent': return trim(v, 2) + '%';
      default: return trim(v, 2);
    }
  }

  function formatElapsed(s) {
    if (s == null) return '–';
    var whole = Math.round(s);
    var m = Math.floor(whole / 60);
    return m > 0 ? m + 'm' + String(whole % 60).padStart(2, '0') + 's' : whole + 's';
  }

  // x = 1/(1-p): 1 → 0%, 10 → 90%, 100 → 99%, 1000 → 99.9%.
  function formatPercentile(x) {
    if (x == null) return '–';
    if (x < 1) return '';
    var p = 100 * (1 - 1 / x);
    var digits = x < 10 ? 0 : Math.min(6, Math.ceil(Math.log10(x)) - 2);
    return trim(p, Math.max(0, digits)) + '%';
  }

  function theme() {
    var style = getComputedStyle(document.documentElement);
    return { axis: style.getPropertyValue('--muted').trim(), grid: style.getPropertyValue('--grid').trim() };
  }

  var ELAPSED_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];

  function axis(colors, format, size) {
    return {
      stroke: colors.axis,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
      size: size,
      values: function (u, splits) { return splits.map(format); },
    };
  }

  // On the log axis only 0%, 50%, 90%, 99%, … are labelled; the other splits keep their grid line.
  function percentileLabels(u, splits) {
    return splits.map(function (x) {
      if (x == null) return '';
      var decade = Math.log10(x);
      return Math.abs(x - 2) < 1e-9 || Math.abs(decade - Math.round(decade)) < 1e-9 ? formatPercentile(x) : '';
    });
  }

  function options(spec, width, colors) {
    var percentile = spec.xKind === 'percentile';
    // A capacity search's rates and a history's runs are points on a plain axis.
    var rate = spec.xKind === 'rate' || spec.xKind === 'run';
    var formatX = percentile ? formatPercentile : rate ? function (v) { return v == null ? '' : spec.xKind === 'run' ? 'run ' + v : v + '/s'; } : formatElapsed;
    var formatV = function (v) { return formatY(spec.unit, v); };
    return {
      width: width,
      height: HEIGHT,
      scales: {
        x: percentile ? { time: false, distr: 3, log: 10 } : { time: false, range: function (u, min, max) { return [0, max]; } },
        y: { range: function (u, min, max) { return spec.unit === 'percent' ? [0, 100] : [0, max > 0 ? max * 1.08 : 1]; } },
      },
      axes: [
        percentile
          ? Object.assign(axis(colors, formatX, 40), { values: percentileLabels, filter: function (u, splits) { return splits; } })
          : rate
          ? axis(colors, formatX, 40)
          : Object.assign(axis(colors, formatX, 40), { incrs: ELAPSED_STEPS }),
        axis(colors, formatV, 70),
      ],
      series: [{ label: percentile ? 'percentile' : rate ? spec.xKind : 'elapsed', value: function (u, v) { return formatX(v); } }].concat(
        spec.series.map(function (s) {
          return {
            label: s.label,
            stroke: s.color,
            width: s.dash ? 1.5 : 2,
            dash: s.dash ? [6, 4] : undefined,
            spanGaps: false,
            points: { show: rate },
            value: function (u, v) { return formatV(v); },
          };
        }),
      ),
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      hooks: spec.markers ? { draw: [function (u) { drawMarkers(u, spec.markers, colors); }] } : {},
    };
  }

  // The scenario's events: a dashed vertical line and the event's name, drawn as canvas text (never HTML).
  function drawMarkers(u, markers, colors) {
    var ctx = u.ctx;
    var top = u.bbox.top;
    var bottom = u.bbox.top + u.bbox.height;
    ctx.save();
    ctx.strokeStyle = colors.axis;
    ctx.fillStyle = colors.axis;
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = 1;
    ctx.font = Math.round(11 * devicePixelRatio) + 'px sans-serif';
    markers.forEach(function (m) {
      var x = Math.round(u.valToPos(m.x, 'x', true));
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(m.label, x + 4, top + 12 * devicePixelRatio);
    });
    ctx.restore();
  }

  function data(spec) {
    return spec.tables.length === 1 ? spec.tables[0] : uPlot.join(spec.tables);
  }

  function drawAll() {
    var printing = document.documentElement.classList.contains('printing');
    var colors = theme();
    plots.forEach(function (p) { p.destroy(); });
    plots = [];
    specs.forEach(function (spec) {
      var el = document.querySelector('[data-chart="' + spec.id + '"] .chart-plot');
      if (!el) return;
      var width = printing ? PRINT_WIDTH : Math.max(280, el.clientWidth);
      plots.push(new uPlot(options(spec, width, colors), data(spec), el));
    });
  }

  function resize() {
    plots.forEach(function (p) {
      var el = p.root.parentElement;
      if (el) p.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT });
    });
  }

  drawAll();
  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(resize, 100);
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', drawAll);
  window.addEventListener('beforeprint', function () {
    document.documentElement.classList.add('printing');
    drawAll();
  });
  window.addEventListener('afterprint', function () {
    document.documentElement.classList.remove('printing');
    drawAll();
  });
})();
