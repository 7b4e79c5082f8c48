/* fengong network page: reads the graph from the JSON block, draws it with vis-network, and wires
   the controls. Every text from the plans reaches the page through textContent or vis-network's
   text tooltips, never as HTML. `network`, `nodes` and `edges` are globals, as in pyvis, so that
   tests and power users can script the page. */
"use strict";

var started = performance.now();
var DATA = JSON.parse(document.getElementById("fengong-data").textContent);
var ROLES = DATA.roleOrder;   // bit i of a role mask is ROLES[i]
var ROLE_NAME = DATA.roleNames;  // lead 牵头, or lead on an English page
var WORDS = DATA.words;
var ENGLISH = DATA.lang === "en";
var FONT = DATA.font;
var INK = "#1a1a1a";
var DIM_INK = "rgba(120,120,120,0.35)";
var TIE = "rgba(90,110,140,0.55)";

var fengong = {
  drawnAt: null,        // ms after navigation start when the network was first drawn
  timing: {script: started},  // ms after navigation start: script, data, network, drawn
  highlighted: null,    // id of the node whose neighbourhood is highlighted
  dim: DATA.dim,
  dimColor: {background: DATA.dim, border: DATA.dim,
             highlight: {background: DATA.dim, border: DATA.dim}, hover: {background: DATA.dim, border: DATA.dim}},
  baseNode: {},
  baseEdge: {},
  byId: {}
};

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function describe(n) {
  var box = el("div", "tip");
  var i = n.info;
  if (n.group === "unit") {
    box.appendChild(el("div", "tip-name", i.item + " · " + i.part));
    box.appendChild(el("div", "tip-text", i.text));
    if (i.clause) box.appendChild(el("div", "tip-clause", i.clause));
    if (i.section) box.appendChild(el("div", "tip-muted", i.section));
    box.appendChild(el("div", "tip-muted", i.plan));
  } else {
    // Both names in either language: the page's language first.
    var english = ENGLISH && i.en;
    box.appendChild(el("div", "tip-name", english ? i.en : i.name));
    if (english) box.appendChild(el("div", null, i.name));
    if (i.short !== i.name) box.appendChild(el("div", null, WORDS.shortName + " " + i.short));
    if (i.en && !english) box.appendChild(el("div", "tip-en", i.en));
    box.appendChild(el("div", "tip-muted", i.kind));
    box.appendChild(el("div", null, ROLES.map(function (r) { return ROLE_NAME[r] + " " + i[r]; }).join(" · ")));
    var load = "load index " + i.load + " · " + i.units + " units";
    if (i.rank) load += " · rank " + i.rank;
    if (i.overloaded) load += " · above the overload fence";
    box.appendChild(el("div", null, load));
  }
  return box;
}

DATA.nodes.forEach(function (n) {
  fengong.baseNode[n.id] = n.color;
  fengong.byId[n.id] = n;
  n.title = describe(n);
});

var nameOf = function (id) {
  var i = fengong.byId[id].info;
  return (ENGLISH && i.en) || i.short || fengong.byId[id].label;
};

DATA.edges.forEach(function (e) {
  if (DATA.view === "coordination") {
    e.color = {color: TIE, highlight: "#333333", hover: "#333333"};
    e.title = tieTitle(e, e.shared);
  } else {
    e.title = nameOf(e.from) + " " + ROLE_NAME[e.role] + " " + fengong.byId[e.to].info.item;
  }
  fengong.baseEdge[e.id] = e.color;
});

function tieTitle(e, shared) {
  return nameOf(e.from) + " — " + nameOf(e.to) + "\n" + shared + " " + WORDS.sharedUnits;
}

fengong.timing.data = performance.now();
var nodes = new vis.DataSet(DATA.nodes);
var edges = new vis.DataSet(DATA.edges);
var container = document.getElementById("network");
var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
  autoResize: true,
  physics: {enabled: false, solver: "barnesHut", stabilization: {enabled: false},
            barnesHut: {gravitationalConstant: -4000, springLength: 90, avoidOverlap: 0.1}},
  layout: {improvedLayout: false, randomSeed: 2016},
  interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: DATA.big, hideEdgesOnZoom: DATA.big,
                keyboard: false, multiselect: false},
  nodes: {borderWidth: 1, font: {face: FONT, size: 14, color: INK, strokeWidth: 3, strokeColor: "#ffffff"}},
  edges: {smooth: false, selectionWidth: 1, arrows: {to: {scaleFactor: 0.55}},
          scaling: {min: 1, max: 10, label: {enabled: false}}},
  groups: {unit: {font: {size: 10}}, body: {font: {size: 14}}}
});
fengong.timing.network = performance.now();
network.once("afterDrawing", function () {
  fengong.drawnAt = fengong.timing.drawn = performance.now();
  document.documentElement.setAttribute("data-drawn", "true");
});
network.fit({animation: false});

/* ---- highlighting a neighbourhood ---- */

function visibleNeighbours(id) {
  var keep = {};
  keep[id] = true;
  edges.forEach(function (e) {
    if (e.hidden) return;
    if (e.from === id) keep[e.to] = true;
    if (e.to === id) keep[e.from] = true;
  });
  return keep;
}

function highlight(id) {
  var keep = visibleNeighbours(id);
  var nodeChanges = [], edgeChanges = [];
  nodes.forEach(function (n) {
    var on = keep[n.id] === true;
    nodeChanges.push({id: n.id, color: on ? fengong.baseNode[n.id] : fengong.dimColor,
                      font: {color: on ? INK : DIM_INK}});
  });
  edges.forEach(function (e) {
    var on = e.from === id || e.to === id;
    edgeChanges.push({id: e.id, color: on ? fengong.baseEdge[e.id] : {color: DATA.dim, highlight: DATA.dim, hover: DATA.dim}});
  });
  nodes.update(nodeChanges);
  edges.update(edgeChanges);
  fengong.highlighted = id;
}

function clearHighlight() {
  if (fengong.highlighted === null) return;
  nodes.update(nodes.getIds().map(function (id) { return {id: id, color: fengong.baseNode[id], font: {color: INK}}; }));
  edges.update(edges.getIds().map(function (id) { return {id: id, color: fengong.baseEdge[id]}; }));
  fengong.highlighted = null;
}

/* ---- the details panel ---- */

var details = document.getElementById("details-body");

function showDetails(id) {
  details.textContent = "";
  var n = fengong.byId[id];
  details.appendChild(describe(n));
  var list = el("ul");
  edges.forEach(function (e) {
    if (e.hidden || (e.from !== id && e.to !== id)) return;
    var other = e.from === id ? e.to : e.from;
    var what = DATA.view === "coordination" ? e.value + " shared units"
             : ROLE_NAME[e.role];
    var label = fengong.byId[other].group === "unit"
      ? fengong.byId[other].info.item + " " + fengong.byId[other].info.text
      : nameOf(other);
    list.appendChild(el("li", null, label + " — " + what));
  });
  if (list.childNodes.length) {
    var noun = DATA.view === "coordination" ? " partners" : n.group === "unit" ? " bodies named" : " assignments";
    details.appendChild(el("div", "tip-muted", list.childNodes.length + noun));
    details.appendChild(list);
  }
  if (n.info.iri) details.appendChild(el("div", "tip-muted", n.info.iri));
}

function select(id) {
  network.selectNodes([id]);
  highlight(id);
  showDetails(id);
}

function clearSelection() {
  network.unselectAll();
  clearHighlight();
  details.textContent = "";
  details.appendChild(el("p", "hint", "Click a node to see its neighbours and the sentence it comes from."));
}

network.on("click", function (params) {
  if (params.nodes.length) select(params.nodes[0]);
  else clearSelection();
});

/* ---- finding a department ---- */

var findBox = document.getElementById("find");
var findStatus = document.getElementById("find-status");

function findBody(text) {
  var q = text.trim();
  if (!q) return [];
  var exact = [], partial = [];
  DATA.nodes.forEach(function (n) {
    if (n.group !== "body") return;
    if (n.names.indexOf(q) >= 0) exact.push(n.id);
    else if (n.names.some(function (name) { return name.indexOf(q) >= 0; })) partial.push(n.id);
  });
  return exact.length ? exact : partial;
}

function focusBody(id) {
  select(id);
  network.focus(id, {scale: Math.max(network.getScale(), 1.2), animation: false});
  findStatus.textContent = fengong.byId[id].hidden ? "Hidden by the filters; showing its details." : "";
}

function onFind() {
  var found = findBody(findBox.value);
  if (found.length === 1) { focusBody(found[0]); return; }
  findStatus.textContent = found.length
    ? found.length + " matches: " + found.slice(0, 6).map(nameOf).join("、") + (found.length > 6 ? "…" : "")
    : "No department called " + findBox.value.trim();
}

findBox.addEventListener("change", onFind);
findBox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") onFind(); });

/* ---- filters ---- */

var sectionBox = document.getElementById("section");
var roleBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=role]"));

function roleMask() {
  var mask = 0;
  roleBoxes.forEach(function (box) { if (box.checked) mask |= 1 << ROLES.indexOf(box.value); });
  return mask;
}

function inSection(u) {
  return sectionBox.value === "" || DATA.units[u].indexOf(Number(sectionBox.value)) >= 0;
}

function applyFilters() {
  var mask = roleMask(), active = {}, nodeChanges = [], edgeChanges = [];
  if (DATA.view === "coordination") {
    var units = {};
    Object.keys(DATA.members).forEach(function (b) {
      var mine = {};
      DATA.members[b].forEach(function (um) { if ((um[1] & mask) && inSection(um[0])) mine[um[0]] = true; });
      units[b] = mine;
    });
    edges.forEach(function (e) {
      var a = units[e.from] || {}, b = units[e.to] || {}, shared = 0;
      Object.keys(a).forEach(function (u) { if (b[u]) shared += 1; });
      var hidden = shared === 0;
      if (!hidden) { active[e.from] = true; active[e.to] = true; }
      if (hidden !== (e.hidden === true) || shared !== e.value) {
        edgeChanges.push({id: e.id, hidden: hidden, value: Math.max(shared, 1), title: tieTitle(e, shared)});
      }
    });
    Object.keys(units).forEach(function (b) { if (Object.keys(units[b]).length) active[b] = true; });
  } else {
    edges.forEach(function (e) {
      var hidden = !((1 << ROLES.indexOf(e.role)) & mask) || !inSection(e.u);
      if (!hidden) { active[e.from] = true; active[e.to] = true; }
      if (hidden !== (e.hidden === true)) edgeChanges.push({id: e.id, hidden: hidden});
    });
  }
  nodes.forEach(function (n) {
    var hidden = active[n.id] !== true;
    if (hidden !== (n.hidden === true)) nodeChanges.push({id: n.id, hidden: hidden});
    fengong.byId[n.id].hidden = hidden;
  });
  edges.update(edgeChanges);
  nodes.update(nodeChanges);
  if (fengong.highlighted !== null) highlight(fengong.highlighted);
}

roleBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
sectionBox.addEventListener("change", applyFilters);

/* ---- physics and reset ---- */

document.getElementById("physics").addEventListener("change", function (ev) {
  network.setOptions({physics: {enabled: ev.target.checked}});
});

document.getElementById("reset").addEventListener("click", function () {
  roleBoxes.forEach(function (box) { box.checked = true; });
  sectionBox.value = "";
  findBox.value = "";
  findStatus.textContent = "";
  applyFilters();
  clearSelection();
  network.fit({animation: false});
});

if (DATA.focus) focusBody(DATA.focus);
