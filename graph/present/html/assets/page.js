// Talent Graph page script. Text from the data is only ever put into the page with
// textContent, .value or as vis-network labels (drawn on a canvas): never as HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("tg-data").textContent);
  var options = JSON.parse(document.getElementById("tg-options").textContent);

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A tooltip as a DOM element: vis-network shows an Element as it is.
  function tooltip(tip) {
    var box = element("div", "tg-tip");
    box.appendChild(element("div", "tg-tip-title", tip.title));
    (tip.lines || []).forEach(function (line) {
      box.appendChild(element("div", "tg-tip-line", line));
    });
    (tip.evidence || []).forEach(function (evidence) {
      var quote = element("blockquote", "tg-tip-quote", "\u201c" + evidence.quote + "\u201d");
      box.appendChild(quote);
      var cite = evidence.source + (evidence.date ? ", " + evidence.date : "");
      box.appendChild(element("div", "tg-tip-source", "\u2014 " + cite));
      if (evidence.note) {
        box.appendChild(element("div", "tg-tip-note", "Curator\u2019s note: " + evidence.note));
      }
    });
    return box;
  }

  function withTooltip(item) {
    var copy = Object.assign({}, item);
    copy.title = tooltip(item.tip);
    return copy;
  }

  var nodes = new vis.DataSet(data.nodes.map(withTooltip));
  var edges = new vis.DataSet(data.edges.map(withTooltip));

  var state = { relations: null, company: "", asOf: "", hideUndated: false, focus: null };

  function edgeVisible(edge) {
    if (state.relations && !state.relations.has(edge.relation)) return false;
    if (state.asOf && edge.since && edge.since > state.asOf) return false;
    if (state.hideUndated && !edge.since) return false;
    return true;
  }

  // The chosen organisation's nodes and every node one visible relation away from them.
  function computeFocus() {
    if (!state.company) return null;
    var focus = new Set();
    nodes.forEach(function (node) {
      if (node.company === state.company) focus.add(node.id);
    });
    var core = new Set(focus);
    edges.forEach(function (edge) {
      if (!edgeVisible(edge)) return;
      if (core.has(edge.from)) focus.add(edge.to);
      if (core.has(edge.to)) focus.add(edge.from);
    });
    // People linked to the organisation also bring the other places they worked.
    edges.forEach(function (edge) {
      if (!edgeVisible(edge)) return;
      var person = nodes.get(edge.from);
      if (person && person.kind === "person" && focus.has(edge.from)) focus.add(edge.to);
    });
    return focus;
  }

  var nodesView = new vis.DataView(nodes, {
    filter: function (node) { return !state.focus || state.focus.has(node.id); },
  });
  var edgesView = new vis.DataView(edges, { filter: edgeVisible });

  var container = document.getElementById("tg-network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    document.body.setAttribute("data-settled", "true");
  });

  function refresh() {
    state.focus = computeFocus();
    edgesView.refresh();
    nodesView.refresh();
  }

  // Search: pick a name from the list (or type part of one) and press Enter.
  var names = document.getElementById("tg-names");
  nodes.get({ order: "label" }).forEach(function (node) {
    var option = document.createElement("option");
    option.value = node.label;
    names.appendChild(option);
  });
  var search = document.getElementById("tg-search");
  var status = document.getElementById("tg-search-status");
  function find() {
    var wanted = search.value.trim().toLowerCase();
    if (!wanted) { status.textContent = ""; network.unselectAll(); return; }
    var visible = nodesView.get();
    var match = visible.filter(function (n) { return n.label.toLowerCase() === wanted; })[0] ||
      visible.filter(function (n) { return n.label.toLowerCase().indexOf(wanted) >= 0; })[0];
    if (!match) { status.textContent = "Not found"; return; }
    status.textContent = "";
    network.selectNodes([match.id]);
    network.focus(match.id, { scale: 1.3, animation: { duration: 400 } });
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (event) { if (event.key === "Enter") find(); });

  var relationBoxes = document.querySelectorAll("#tg-relations input[data-relation]");
  relationBoxes.forEach(function (box) {
    box.addEventListener("change", function () {
      state.relations = new Set();
      relationBoxes.forEach(function (b) { if (b.checked) state.relations.add(b.dataset.relation); });
      refresh();
    });
  });

  var company = document.getElementById("tg-company");
  if (company) {
    company.addEventListener("change", function () {
      state.company = company.value;
      refresh();
      network.fit({ animation: false });  // show the whole focus, whatever the zoom was
    });
  }

  var asOf = document.getElementById("tg-asof");
  if (asOf) {
    var asOfLabel = document.getElementById("tg-asof-label");
    // A stop is [first day, the date as stated]: a year or a month counts from its first day.
    asOf.addEventListener("input", function () {
      var index = Number(asOf.value);
      var stop = index < data.dates.length ? data.dates[index] : null;
      state.asOf = stop ? stop[0] : "";
      asOfLabel.textContent = stop ? stop[1] : "all dates";
      refresh();
    });
    var undated = document.getElementById("tg-undated");
    undated.addEventListener("change", function () {
      state.hideUndated = undated.checked;
      refresh();
    });
  }

  window.talentGraph = {
    network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
  };
})();
