/**
 * The sweep page's browser script: for each swept parameter, one chart per KPI with the
 * parameter on the x axis, a line of means and a band of the 95 % interval; with other
 * parameters swept too, one line (and band) per combination of their values. Every text
 * goes in as textContent, so nothing in the data is read as markup.
 */
export const SWEEP_JSON_ID = 'weft-sweep';

export const SWEEP_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('${SWEEP_JSON_ID}').textContent);
  var COLORS = ['#3b5bdb', '#e03131', '#2b8a3e', '#f08c00', '#7048e8', '#0c8599', '#d6336c', '#868e96'];
  var FONT = getComputedStyle(document.body).fontFamily;
  var charts = [];

  function num(v) {
    if (typeof v !== 'number') return '–';
    var a = Math.abs(v);
    return a !== 0 && (a < 0.001 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function finite(v) { return typeof v === 'number' && isFinite(v); }

  function othersThan(p) { return data.params.filter(function (q) { return q.path !== p.path; }); }

  /** Points grouped by the values of every parameter but p (the line's name); each indexed by p's value. */
  function groupsAgainst(p) {
    var others = othersThan(p);
    var groups = [], byKey = {};
    data.points.forEach(function (pt) {
      var key = others.map(function (q) { return String(pt.values[q.path]); }).join(' · ') || 'mean';
      if (!byKey[key]) { byKey[key] = { key: key, at: {} }; groups.push(byKey[key]); }
      byKey[key].at[p.values.indexOf(pt.values[p.path])] = pt;
    });
    return groups;
  }

  function seriesOf(p, kpi, group, color) {
    function stat(i) { return p.values.map(function (_, x) { var pt = group.at[x]; var s = pt && pt.stats[kpi]; return s && finite(s[i]) ? s[i] : null; }); }
    var mean = stat(0), low = stat(1), high = stat(2);
    var width = high.map(function (h, x) { return h === null || low[x] === null ? null : h - low[x]; });
    var band = { type: 'line', name: group.key, stack: 'band ' + group.key, stackStrategy: 'all', symbol: 'none', silent: true, lineStyle: { opacity: 0 }, itemStyle: { color: color } };
    return [
      Object.assign({}, band, { data: low }),
      Object.assign({}, band, { data: width, areaStyle: { color: color, opacity: 0.1 } }),
      { type: 'line', name: group.key, data: mean, symbolSize: 6, connectNulls: false, lineStyle: { width: 2, color: color }, itemStyle: { color: color } }
    ];
  }

  function tooltip(p, kpi, groups, lines) {
    return function (items) {
      var x = items.length > 0 ? items[0].dataIndex : 0;
      var text = [p.path + ' = ' + p.values[x]];
      groups.forEach(function (g) {
        var s = g.at[x] && g.at[x].stats[kpi];
        if (s) text.push((groups.length > 1 ? lines + ' ' + g.key + ': ' : '') + num(s[0]) + '  [' + num(s[1]) + ', ' + num(s[2]) + ']');
      });
      var box = el('div');
      text.forEach(function (l) { box.appendChild(el('div', null, l)); });
      return box;
    };
  }

  var pending = [];
  data.params.forEach(function (p, pi) {
    var grid = document.getElementById('against-' + pi);
    var groups = groupsAgainst(p);
    var lines = othersThan(p).map(function (q) { return q.path; }).join(' · ');
    data.kpis.forEach(function (kpi) {
      var any = data.points.some(function (pt) { return finite(pt.stats[kpi] && pt.stats[kpi][0]); });
      if (!any) return;
      var card = el('div', 'card');
      card.appendChild(el('h3', null, kpi));
      card.appendChild(el('p', 'caption', 'mean over ' + data.seeds + ' seeds; band: its 95 % interval' +
        (groups.length > 1 ? '; a line per ' + lines : '')));
      var chartEl = el('div', 'chart small');
      card.appendChild(chartEl);
      grid.appendChild(card);
      pending.push([chartEl, {
        animation: false, textStyle: { fontFamily: FONT }, color: COLORS,
        grid: { left: 12, right: 16, top: groups.length > 1 ? 44 : 16, bottom: 34, containLabel: true },
        legend: { show: groups.length > 1, type: 'scroll', top: 0, data: groups.map(function (g) { return g.key; }) },
        tooltip: { trigger: 'axis', confine: true, formatter: tooltip(p, kpi, groups, lines) },
        xAxis: { type: 'category', data: p.values.map(String), name: p.path, nameLocation: 'middle', nameGap: 26, boundaryGap: false },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: num } },
        series: groups.flatMap(function (g, gi) { return seriesOf(p, kpi, g, COLORS[gi % COLORS.length]); })
      }]);
    });
  });
  // Charts are drawn once every card is in place: a grid still filling would size them wrong.
  pending.forEach(function (item) {
    var chart = echarts.init(item[0]);
    chart.setOption(item[1]);
    charts.push(chart);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
`;
