// Talent Graph flows page. Counts as graph.analysis.flows does: named people, each once per
// organisation and direction (and period); an unknown destination or an unnamed own venture is
// a loss for where the person left; a move inside one organisation (at the chosen level) is
// not counted. Text from the data reaches the page only through textContent, or is drawn on a
// canvas by ECharts; the tooltips are DOM elements built with textContent, never HTML strings.
(function () {
  "use strict";

  var started = performance.now();
  var data = JSON.parse(document.getElementById("tg-data").textContent);
  var evidence = null;  // the quotes: parsed the first time a panel shows them
  var COLUMN = { year: 1, quarter: 2, month: 3 };
  var STATUS = { all: -1, completed: 0, announced: 1 };
  var OTHER = "other";
  var UNKNOWN = "unknown";
  var VENTURES = "own ventures (unnamed)";
  var PANEL_LIMIT = 100;
  var orgs = data.orgs, moves = data.moves, people = data.people;
  var state = { by: "year", period: "", status: "all", level: data.level, chosen: -1, extra: [] };

  function $(id) { return document.getElementById(id); }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function signed(value) { return value > 0 ? "+" + value : String(value); }
  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }
  function number(value) { return value.toLocaleString("en"); }

  function at(org) { return state.level === "company" ? orgs[org][1] : org; }
  function unnamed(org) { return orgs[org][2] === 1; }
  function label(org) { return orgs[org][0]; }
  function periodOf(move) { return move[3] < 0 ? "undated" : data.dates[move[3]][COLUMN[state.by]]; }
  function dateOf(move) { return move[3] < 0 ? "undated" : data.dates[move[3]][0]; }
  function kept(move) { return state.status === "all" || move[4] === STATUS[state.status]; }

  // The flow table for the chosen status, level and period ("" for all dates).
  function count(period) {
    var rows = new Map();
    var result = { rows: rows, unknown: [], ventures: [], internal: [], outside: 0, counted: 0 };
    function row(org) {
      var found = rows.get(org);
      if (!found) {
        found = { org: org, joined: new Set(), left: new Set(), joinedMoves: [], leftMoves: [],
          internal: [] };
        rows.set(org, found);
      }
      return found;
    }
    for (var i = 0; i < moves.length; i++) {
      var move = moves[i];
      if (!kept(move)) continue;
      if (period && periodOf(move) !== period) { result.outside++; continue; }
      result.counted++;
      var origin = at(move[1]);
      var destination = move[2] < 0 ? -1 : at(move[2]);
      if (origin === destination) {
        row(origin).internal.push(i);
        result.internal.push(i);
        continue;
      }
      var venture = false;
      if (destination < 0) {
        result.unknown.push(i);
      } else if (unnamed(destination)) {
        venture = true;
      } else {
        var arrived = row(destination);
        arrived.joined.add(move[0]);
        arrived.joinedMoves.push(i);
      }
      if (unnamed(origin)) {
        venture = true;
      } else {
        var departed = row(origin);
        departed.left.add(move[0]);
        departed.leftMoves.push(i);
      }
      if (venture) result.ventures.push(i);
    }
    result.table = Array.from(rows.values())
      .filter(function (r) { return r.joined.size || r.left.size; })
      .map(function (r) {
        r.in = r.joined.size; r.out = r.left.size; r.net = r.in - r.out;
        return r;
      });
    result.table.sort(function (a, b) {
      return (b.net - a.net) || (b.in - a.in) || compare(label(a.org), label(b.org)) ||
        compare(orgs[a.org][3], orgs[b.org][3]);
    });
    return result;
  }
  // Python's str ordering (code points), not the locale's.
  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // Net per organisation per period (every period of the chosen kind, all dates).
  function netByPeriod() {
    var cells = new Map();
    function cell(org, period) {
      var key = org + "|" + period;
      var found = cells.get(key);
      if (!found) { found = { joined: new Set(), left: new Set() }; cells.set(key, found); }
      return found;
    }
    for (var i = 0; i < moves.length; i++) {
      var move = moves[i];
      if (!kept(move)) continue;
      var period = periodOf(move);
      var origin = at(move[1]);
      var destination = move[2] < 0 ? -1 : at(move[2]);
      if (origin === destination) continue;
      if (destination >= 0 && !unnamed(destination)) cell(destination, period).joined.add(move[0]);
      if (!unnamed(origin)) cell(origin, period).left.add(move[0]);
    }
    return function (org, period) {
      var found = cells.get(org + "|" + period);
      return found ? found.joined.size - found.left.size : 0;
    };
  }

  // ------------------------------------------------------------------ controls

  var byControl = $("tg-by"), periodControl = $("tg-period"), statusControl = $("tg-status");
  var levelControl = $("tg-level"), find = $("tg-find"), findStatus = $("tg-find-status");
  var addControl = $("tg-add");

  function fillPeriods() {
    periodControl.textContent = "";
    periodControl.appendChild(new Option("all dates", ""));
    data.periods[state.by].forEach(function (period) {
      periodControl.appendChild(new Option(period, period));
    });
    if (data.periods[state.by].indexOf(state.period) < 0) state.period = "";
    periodControl.value = state.period;
  }

  byControl.addEventListener("change", function () { state.by = byControl.value; fillPeriods(); update(); });
  periodControl.addEventListener("change", function () { state.period = periodControl.value; update(); });
  statusControl.addEventListener("change", function () { state.status = statusControl.value; update(); });
  levelControl.addEventListener("change", function () {
    state.level = levelControl.value;
    if (state.chosen >= 0) state.chosen = at(state.chosen);
    state.extra = [];
    update();
  });
  addControl.addEventListener("change", function () {
    var org = Number(addControl.value);
    if (addControl.value !== "" && state.extra.indexOf(org) < 0) state.extra.push(org);
    addControl.value = "";
    drawTime(current);
  });
  function findOrg() {
    var wanted = find.value.trim().toLowerCase();
    if (!wanted) { findStatus.textContent = ""; return; }
    var names = current.table.map(function (r) { return r.org; });
    var match = names.filter(function (o) { return label(o).toLowerCase() === wanted; })[0];
    if (match === undefined) {
      match = names.filter(function (o) { return label(o).toLowerCase().indexOf(wanted) >= 0; })[0];
    }
    if (match === undefined) { findStatus.textContent = "Not found"; return; }
    findStatus.textContent = "";
    choose(match);
  }
  find.addEventListener("change", findOrg);
  find.addEventListener("keydown", function (event) { if (event.key === "Enter") findOrg(); });

  function choose(org) {
    state.chosen = org;
    if (state.extra.indexOf(org) < 0 && topOrgs.indexOf(org) < 0) state.extra.push(org);
    drawTime(current);
    drawBalance(current);
    drawPanel(current);
  }

  // ------------------------------------------------------------------ views

  var timeChart = echarts.init($("tg-time"), null, { renderer: "canvas" });
  var sankeyChart = echarts.init($("tg-sankey"), null, { renderer: "canvas" });
  window.addEventListener("resize", function () { timeChart.resize(); sankeyChart.resize(); });
  var current = null, overall = null, topOrgs = [];

  function what() {
    var period = state.period ? state.by + " " + state.period : "all dates";
    return "status: " + state.status + "; " + state.level + " level; " + period;
  }

  function command() {
    var args = ["talentgraph flows"];
    if (state.status !== "all") args.push("--status " + state.status);
    if (state.level !== "company") args.push("--level " + state.level);
    if (state.period) args.push("--by " + state.by);
    return args.join(" ") + (state.period ? " (rows of " + state.period + ")" : "");
  }

  function drawBalance(result) {
    $("tg-balance-what").textContent = "In, out and net: named people, each once per " +
      "organisation and direction (" + what() + "); organisations with a move in or out. " +
      "The numbers of: " + command() + ".";
    var body = element("tbody");
    result.table.forEach(function (row) {
      var tr = element("tr", row.org === state.chosen ? "chosen" : "");
      tr.dataset.org = String(row.org);
      tr.appendChild(element("td", "", label(row.org)));
      tr.appendChild(element("td", "", String(row.in)));
      tr.appendChild(element("td", "", String(row.out)));
      tr.appendChild(element("td", row.net > 0 ? "gain" : row.net < 0 ? "loss" : "",
        row.net ? signed(row.net) : "0"));
      tr.addEventListener("click", function () { choose(row.org); });
      body.appendChild(tr);
    });
    var table = $("tg-balance");
    table.replaceChild(body, table.tBodies[0]);
  }

  function timeTooltip(params) {
    var box = element("div");
    box.appendChild(element("div", "", params[0] ? params[0].axisValue : ""));
    params.forEach(function (param) {
      if (!param.value) return;
      box.appendChild(element("div", "", param.seriesName + ": " + signed(param.value)));
    });
    return box;
  }

  function drawTime(result) {
    var net = netByPeriod();
    var periods = data.periods[state.by];
    var shown = topOrgs.concat(state.extra.filter(function (o) { return topOrgs.indexOf(o) < 0; }));
    var series = shown.map(function (org, index) {
      var item = {
        name: label(org), type: "bar", id: String(org),
        emphasis: { focus: "series" },
        data: periods.map(function (period) { return net(org, period); }),
      };
      if (index === 0 && state.period) {
        item.markArea = { silent: true, itemStyle: { color: "rgba(255, 214, 0, 0.18)" },
          data: [[{ xAxis: state.period }, { xAxis: state.period }]] };
      }
      return item;
    });
    $("tg-time-what").textContent = "(" + plural(topOrgs.length, "organisation", "organisations") +
      " with most moves" + (state.extra.length ? ", " + state.extra.length + " added" : "") +
      "; status: " + state.status + "; " + state.level + " level; click a bar to choose its period)";
    timeChart.setOption({
      animation: false,
      color: ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"],
      grid: { left: 44, right: 12, top: 8, bottom: 56, containLabel: false },
      legend: { type: "scroll", bottom: 0, textStyle: { fontSize: 12 } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: timeTooltip,
        confine: true },
      xAxis: { type: "category", data: periods, axisLabel: { fontSize: 12, hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 12 } },
      series: series,
    }, { replaceMerge: ["series"] });
    addControl.textContent = "";
    addControl.appendChild(new Option("…", ""));
    overall.table.slice().sort(byVolume).forEach(function (row) {
      if (shown.indexOf(row.org) < 0) addControl.appendChild(new Option(label(row.org), row.org));
    });
  }

  function byVolume(a, b) {
    return (b.in + b.out - a.in - a.out) || compare(label(a.org), label(b.org));
  }

  function sankeyTooltip(param) {
    var box = element("div");
    if (param.dataType === "edge") {
      box.textContent = param.data.fromLabel + " → " + param.data.toLabel + ": " +
        plural(param.data.value, "person", "people");
    } else {
      box.textContent = param.data.full + ": " + plural(param.value, "person", "people");
    }
    return box;
  }

  function drawSankey(result) {
    var top = result.table.slice().sort(byVolume).slice(0, data.top).map(function (r) { return r.org; });
    var topSet = new Set(top);
    function side(org) { return topSet.has(org) ? label(org) : OTHER; }
    // People per (origin, destination) pair as `flows --between` counts them, then added up
    // into the drawn pairs.
    var pairs = new Map();
    function add(i) {
      var move = moves[i];
      var origin = at(move[1]);
      var destination = move[2] < 0 ? -1 : at(move[2]);
      var from = unnamed(origin) ? VENTURES : side(origin);
      var to = destination < 0 ? UNKNOWN : unnamed(destination) ? VENTURES : side(destination);
      var key = origin + "|" + destination;
      var pair = pairs.get(key);
      if (!pair) { pair = { from: from, to: to, people: new Set() }; pairs.set(key, pair); }
      pair.people.add(move[0]);
    }
    var seen = new Set();
    result.table.forEach(function (row) {
      row.leftMoves.forEach(function (i) { if (!seen.has(i)) { seen.add(i); add(i); } });
    });
    result.ventures.concat(result.unknown).forEach(function (i) {
      if (!seen.has(i)) { seen.add(i); add(i); }
    });
    var links = new Map();
    var hidden = 0;  // people between two organisations outside the top: "other" to "other"
    pairs.forEach(function (pair) {
      if (pair.from === OTHER && pair.to === OTHER) { hidden += pair.people.size; return; }
      var key = pair.from + "\u0000" + pair.to;
      links.set(key, (links.get(key) || 0) + pair.people.size);
    });
    var nodes = new Map();
    function node(id, name, left) {
      if (!nodes.has(id)) {
        nodes.set(id, { name: id, full: name, label: { position: left ? "left" : "right" } });
      }
      return nodes.get(id);
    }
    var linkData = [];
    links.forEach(function (value, key) {
      var parts = key.split("\u0000");
      node("from\u0000" + parts[0], parts[0], true);
      node("to\u0000" + parts[1], parts[1], false);
      linkData.push({ source: "from\u0000" + parts[0], target: "to\u0000" + parts[1], value: value,
        fromLabel: parts[0], toLabel: parts[1] });
    });
    linkData.sort(function (a, b) { return (b.value - a.value) || compare(a.source + a.target, b.source + b.target); });
    var total = 0;
    linkData.forEach(function (link) { total += link.value; });
    $("tg-sankey-what").textContent = "(people who left, by where they went: the " +
      top.length + " organisations with most moves, the rest as \u201cother\u201d; " + what() +
      "; " + plural(total, "person", "people") + " drawn" +
      (hidden ? ", " + number(hidden) + " from \u201cother\u201d to \u201cother\u201d not drawn" : "") +
      "; hover a band for its count)";
    var height = Math.max(260, Math.min(900, 60 + 26 * Math.max(nodesOn(linkData, "source"),
      nodesOn(linkData, "target"))));
    $("tg-sankey").style.height = height + "px";
    sankeyChart.resize();
    sankeyChart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: sankeyTooltip, confine: true },
      series: [{
        type: "sankey", left: 170, right: 170, top: 8, bottom: 8, nodeGap: 10, nodeWidth: 14,
        layoutIterations: 32, draggable: false,
        emphasis: { focus: "adjacency" },
        lineStyle: { color: "gradient", opacity: 0.35 },
        label: {
          fontSize: 12, width: 160, overflow: "truncate",
          formatter: function (param) { return param.data.full + " (" + param.value + ")"; },
        },
        data: Array.from(nodes.values()),
        links: linkData,
      }],
    }, { notMerge: true });
  }

  function nodesOn(links, end) {
    return new Set(links.map(function (link) { return link[end]; })).size;
  }

  function quotesOf(index) {
    if (!evidence) evidence = JSON.parse($("tg-evidence").textContent);
    return evidence.moves[index].map(function (q) {
      return { quote: evidence.texts[q[0]], source: evidence.texts[q[1]], note: evidence.texts[q[2]] };
    });
  }

  function moveItem(index, joined) {
    var move = moves[index];
    var item = element("li");
    var line = element("div", "move-line");
    var from = label(at(move[1])), to = move[2] < 0 ? UNKNOWN : label(at(move[2]));
    line.textContent = people[move[0]] + (joined ? " \u2190 " + from : " \u2192 " + to) + " ";
    var when = dateOf(move) + (move[4] === 1 ? ", announced" : ", completed");
    line.appendChild(element("span", "move-when", "(" + when + ")"));
    item.appendChild(line);
    var stated = label(move[1]) + " \u2192 " + (move[2] < 0 ? UNKNOWN : label(move[2]));
    if (stated !== from + " \u2192 " + to) item.appendChild(element("div", "cite", "As stated: " + stated));
    quotesOf(index).forEach(function (q) {
      item.appendChild(element("blockquote", "quote", "\u201c" + q.quote + "\u201d"));
      item.appendChild(element("div", "cite", "\u2014 " + q.source));
      if (q.note) item.appendChild(element("div", "note", "Curator\u2019s note: " + q.note));
    });
    return item;
  }

  function moveList(body, heading, indexes, joined) {
    body.appendChild(element("h3", "", heading));
    if (!indexes.length) { body.appendChild(element("p", "hint", "(none)")); return; }
    var list = element("ul", "moves");
    indexes.slice(0, PANEL_LIMIT).forEach(function (i) { list.appendChild(moveItem(i, joined)); });
    body.appendChild(list);
    if (indexes.length > PANEL_LIMIT) {
      body.appendChild(element("p", "hint", (indexes.length - PANEL_LIMIT) + " more not shown."));
    }
  }

  function drawPanel(result) {
    var panel = $("tg-panel");
    if (state.chosen < 0) { panel.hidden = true; return; }
    panel.hidden = false;
    var org = state.chosen;
    var row = result.rows.get(org) || { joined: new Set(), left: new Set(), joinedMoves: [],
      leftMoves: [], internal: [] };
    var inCount = row.joined.size, outCount = row.left.size;
    $("tg-panel-title").textContent = label(org);
    $("tg-panel-what").textContent = "in " + inCount + ", out " + outCount + ", net " +
      (inCount - outCount ? signed(inCount - outCount) : "0") + " (" + what() + ")";
    var body = element("div");
    moveList(body, "Joined (" + inCount + ")", row.joinedMoves, true);
    moveList(body, "Left (" + outCount + ")", row.leftMoves, false);
    if (row.internal.length) {
      moveList(body, "Moves inside it (not counted)", row.internal, false);
    }
    var groups = data.groups.filter(function (g) {
      return at(g[0]) === org && (state.status === "all" || g[2] === STATUS[state.status]);
    });
    if (groups.length) {
      body.appendChild(element("h3", "", "Group departures (unnamed people, undated, never counted)"));
      var list = element("ul", "moves");
      groups.forEach(function (g) { list.appendChild(element("li", "", g[1])); });
      body.appendChild(list);
    }
    $("tg-panel-body").replaceWith(body);
    body.id = "tg-panel-body";
  }

  function drawApart(result) {
    var list = element("ul", "apart");
    list.id = "tg-apart";
    function line(text) { list.appendChild(element("li", "", text)); }
    function names(indexes) {
      var shown = indexes.slice(0, 10).map(function (i) { return people[moves[i][0]]; });
      return shown.join(", ") + (indexes.length > 10 ? " and " + (indexes.length - 10) + " more" : "");
    }
    if (result.unknown.length) {
      line(plural(result.unknown.length, "move", "moves") + " to a destination the sources do " +
        "not name (counted as losses): " + names(result.unknown));
    }
    if (result.ventures.length) {
      line(plural(result.ventures.length, "move", "moves") + " to start an unnamed own venture " +
        "(losses; the ventures are not rows): " + names(result.ventures));
    }
    if (result.internal.length) {
      line(plural(result.internal.length, "move", "moves") + " inside one organisation at " +
        state.level + " level (not counted): " + names(result.internal));
    }
    var groups = data.groups.filter(function (g) {
      return state.status === "all" || g[2] === STATUS[state.status];
    });
    if (groups.length) {
      line(plural(groups.length, "group departure", "group departures") + " of unnamed people " +
        "(undated, never counted): " + groups.map(function (g) { return label(at(g[0])) + ": " + g[1]; }).join("; "));
    }
    if (state.period) {
      line(plural(result.outside, "move", "moves") + " in other periods (choose \u201call dates\u201d to count them)");
    }
    var yearOnly = 0, undated = 0;
    moves.forEach(function (move) {
      if (!kept(move)) return;
      var period = periodOf(move);
      if (period === "undated") undated++;
      else if (period.indexOf("(year only)") > 0) yearOnly++;
    });
    if (undated) line(plural(undated, "move has", "moves have") + " no year: period \u201cundated\u201d");
    if (yearOnly) {
      line(plural(yearOnly, "move is", "moves are") + " dated by a year alone: \u201cYYYY (year only)\u201d, never guessed into a " + state.by);
    }
    if (!list.children.length) line("(nothing)");
    $("tg-apart").replaceWith(list);
  }

  function update() {
    var begun = performance.now();
    overall = state.period ? count("") : null;
    current = count(state.period);
    overall = overall || current;
    topOrgs = overall.table.slice().sort(byVolume).slice(0, data.top).map(function (r) { return r.org; });
    if (state.chosen >= 0 && !current.rows.has(state.chosen) && !overall.rows.has(state.chosen)) {
      state.chosen = -1;
    }
    drawBalance(current);
    drawTime(current);
    drawSankey(current);
    drawPanel(current);
    drawApart(current);
    var names = $("tg-org-names");
    names.textContent = "";
    overall.table.forEach(function (row) { names.appendChild(new Option(label(row.org))); });
    var companies = new Set(orgs.map(function (o) { return o[1]; })).size;
    $("tg-aggregated").textContent = "Aggregated " + number(current.counted) + " of " +
      number(moves.length) + " moves (" + what() + ") of " + number(people.length) +
      " named people between " + number(orgs.length) + " organisations in " + number(companies) +
      " companies: " + number(current.table.length) + " organisations with a move in or out; " +
      "charts show the " + data.top + " with most moves. Counted in " +
      Math.round(performance.now() - begun) + " ms.";
  }

  timeChart.on("click", function (param) {
    if (param.componentType !== "series") return;
    state.period = param.name;
    periodControl.value = state.period;
    state.chosen = Number(param.seriesId);
    update();
  });
  sankeyChart.on("click", function (param) {
    if (param.dataType !== "node") return;
    var name = param.data.full;
    var match = current.table.filter(function (r) { return label(r.org) === name; })[0];
    if (match) choose(match.org);
  });

  fillPeriods();
  update();
  document.body.dataset.loadMs = String(Math.round(performance.now() - started));
  document.body.setAttribute("data-settled", "true");
  window.talentFlows = {
    state: state, update: update, choose: choose,
    table: function () {
      return current.table.map(function (r) { return [label(r.org), r.in, r.out, r.net]; });
    },
    time: timeChart, sankey: sankeyChart,
  };
})();
