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
    e.title = tieTitle(e, e.shared);
  } else {
    e.title = nameOf(e.from) + " " + ROLE_NAME[e.role] + " " + fengong.byId[e.to].info.item;
  }
  fengong.baseEdge[e.id] = e.color;
});

function tieTitle(e, shared) {
  return nameOf(e.from) + " — " + nameOf(e.to) + "\n" + shared + " " + WORDS.sharedUnits;
}

/* ---- labels by tier ----
   Each node's font is the page's label font halved once per tier (fengong.viz.labels), and no two
   labels collide at any zoom. One draw threshold, from the scale vis-network's fit will open at
   (the drawing's extent, with the 10% margin fit adds), shows tier 0 at the opening view and each
   further tier from twice the zoom of the one before. */
function openingScale() {
  var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  DATA.nodes.forEach(function (n) {
    x0 = Math.min(x0, n.x - n.size); x1 = Math.max(x1, n.x + n.size);
    y0 = Math.min(y0, n.y - n.size); y1 = Math.max(y1, n.y + n.size);
  });
  var box = document.getElementById("network");
  return Math.min(1, box.clientWidth / ((x1 - x0) * 1.1 || 1), box.clientHeight / ((y1 - y0) * 1.1 || 1));
}
fengong.openingScale = openingScale();
fengong.labelThreshold = 0.7 * DATA.labelFont * fengong.openingScale + 1;

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
  nodes: {borderWidth: 1, font: {face: FONT, size: 14, color: INK, strokeWidth: 3, strokeColor: "#ffffff"},
          scaling: {label: {drawThreshold: fengong.labelThreshold, maxVisible: 2.5 * DATA.labelFont * fengong.openingScale}}},
  edges: {smooth: false, selectionWidth: 1, arrows: {to: {scaleFactor: 0.55}},
          scaling: {min: 1, max: 10, label: {enabled: false}}}
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
  var keep = fengong.ego !== null && fengong.ego.centre === id ? fengong.ego.members : visibleNeighbours(id);
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
var egoButton = document.getElementById("ego");
var wholeButton = document.getElementById("whole");

function showDetails(id) {
  details.textContent = "";
  var n = fengong.byId[id];
  details.appendChild(describe(n));
  var list = el("ul"), rows = [];
  edges.forEach(function (e) {
    if (e.hidden || (e.from !== id && e.to !== id)) return;
    var other = e.from === id ? e.to : e.from;
    var what = DATA.view === "coordination" ? e.value + " " + WORDS.sharedUnits
             : ROLE_NAME[e.role];
    var label = fengong.byId[other].group === "unit"
      ? fengong.byId[other].info.item + " " + fengong.byId[other].info.text
      : nameOf(other);
    rows.push({text: label + " — " + what, shared: DATA.view === "coordination" ? e.value : 0});
  });
  // Coordination: partners ranked by the units they share with this department, most first.
  rows.sort(function (a, b) { return b.shared - a.shared; });
  rows.forEach(function (r) { list.appendChild(el("li", null, r.text)); });
  if (list.childNodes.length) {
    var noun = DATA.view === "coordination" ? " partners" : n.group === "unit" ? " bodies named" : " assignments";
    details.appendChild(el("div", "tip-muted", list.childNodes.length + noun));
    details.appendChild(list);
  }
  if (n.info.iri) details.appendChild(el("div", "tip-muted", n.info.iri));
}

function select(id) {
  network.selectNodes([id]);
  egoButton.disabled = fengong.byId[id].group !== "body";
  highlight(id);
  showDetails(id);
}

function clearSelection() {
  network.unselectAll();
  egoButton.disabled = true;
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
    fengong.byId[n.id].hidden = hidden;
    if (fengong.ego !== null && !fengong.ego.members[n.id]) hidden = true;
    if (hidden !== (n.hidden === true)) nodeChanges.push({id: n.id, hidden: hidden});
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
  if (fengong.ego !== null) showWhole();
  applyFilters();
  clearSelection();
  network.fit({animation: false});
});

/* ---- the ego view: one department, its units and the bodies it shares them with ----
   Re-laid out on rings around it (units by role, then in document order; partners at the mean angle
   of the units they share, or by shared units in the coordination view), everything else hidden;
   "Whole network" puts every node back where it was. */

fengong.ego = null;  // {centre: id, members: {id: true}} while the ego view is shown

function egoMembers(id) {
  var members = {}, units = [];
  members[id] = true;
  edges.forEach(function (e) {
    if (e.from === id || e.to === id) members[e.from === id ? e.to : e.from] = true;
  });
  if (DATA.view === "responsibility") {
    edges.forEach(function (e) { if (members[e.to] && e.from !== id && e.to !== id) members[e.from] = true; });
  }
  return members;
}

// Ego positions are found in ems of the label font (a label's box: its longest line times an em
// per Chinese character, or about 0.62 per Latin letter, by its lines), then scaled by that font.
function labelBox(id, at) {
  var lines = String(fengong.byId[id].label).split("\n"), wide = 0;
  lines.forEach(function (line) { wide = Math.max(wide, line.length * (/[\u2e80-\uffff]/.test(line) ? 1.05 : 0.62)); });
  var top = at.y + fengong.byId[id].size / DATA.labelFont + 0.3;
  return {x0: at.x - wide / 2 - 0.3, x1: at.x + wide / 2 + 0.3, y0: top - 0.2, y1: top + lines.length + 0.2};
}

function clear(box, boxes) {
  return boxes.every(function (b) { return b.x1 <= box.x0 || box.x1 <= b.x0 || b.y1 <= box.y0 || box.y1 <= b.y0; });
}

// Partners around the centre on an ellipse as wide as the canvas is (labels are wide), in the
// order given, each at the first radius (from `radius` outwards, a line and a half at a time) where
// its label clears the labels placed before it.
var WIDE = 1.3;
function around(ids, radius, angle, boxes) {
  var at = {};
  ids.forEach(function (id, i) {
    var a = angle(id, i), r = radius, p;
    for (var tries = 0; tries < 60; tries++, r += 1.5) {
      p = {x: WIDE * r * Math.cos(a), y: r * Math.sin(a)};
      if (clear(labelBox(id, p), boxes)) break;
    }
    boxes.push(labelBox(id, p));
    at[id] = p;
  });
  return at;
}

function egoPositions(id, members) {
  var at = {}, inner = [], outer = [], boxes = [];
  at[id] = {x: 0, y: 0};
  boxes.push(labelBox(id, at[id]));
  Object.keys(members).forEach(function (m) {
    if (m === id) return;
    (fengong.byId[m].group === "unit" ? inner : outer).push(m);
  });
  if (DATA.view === "coordination") {
    var shared = {};
    edges.forEach(function (e) { if (e.from === id || e.to === id) shared[e.from === id ? e.to : e.from] = e.value; });
    outer.sort(function (a, b) { return shared[b] - shared[a] || (a < b ? -1 : 1); });
    var ring = Math.max(8, outer.length * 3.2 / (2 * Math.PI));
    return Object.assign(at, around(outer, ring, function (b, i) { return -Math.PI / 2 + 2 * Math.PI * i / outer.length; }, boxes));
  }
  var strength = {};
  edges.forEach(function (e) { if (e.from === id) strength[e.to] = Math.min(strength[e.to] === undefined ? 9 : strength[e.to], ROLES.indexOf(e.role)); });
  inner.sort(function (a, b) { return strength[a] - strength[b] || fengong.byId[a].u - fengong.byId[b].u; });
  var r1 = Math.max(8, inner.length * 2 / (2 * Math.PI));
  inner.forEach(function (u, i) {
    var a = -Math.PI / 2 + 2 * Math.PI * i / inner.length;
    at[u] = {x: r1 * Math.cos(a), y: r1 * Math.sin(a)};
  });
  var angle = {};
  outer.forEach(function (b) {
    var sx = 0, sy = 0;
    edges.forEach(function (e) { if (e.from === b && at[e.to] && e.to !== id) { sx += at[e.to].x; sy += at[e.to].y; } });
    angle[b] = Math.atan2(sy, sx);
  });
  outer.sort(function (a, b) { return angle[a] - angle[b] || (a < b ? -1 : 1); });
  var first = outer.length ? angle[outer[0]] : 0;
  return Object.assign(at, around(outer, r1 + 4, function (b, i) { return first + 2 * Math.PI * i / outer.length; }, boxes));
}

function showEgo(id) {
  var members = egoMembers(id), at = egoPositions(id, members), changes = [];
  fengong.ego = {centre: id, members: members};
  var em = DATA.labelFont;
  nodes.forEach(function (n) {
    var on = members[n.id] === true;
    var change = {id: n.id, hidden: !on || fengong.byId[n.id].hidden === true};
    if (on) {
      change.x = at[n.id].x * em; change.y = at[n.id].y * em;
      // Every body labelled whatever the zoom; units from twice the zoom of the opening view.
      var unit = fengong.byId[n.id].group === "unit";
      change.font = {size: unit ? em / 2 : em};
      change.scaling = {label: {drawThreshold: unit ? fengong.labelThreshold : 1}};
    }
    changes.push(change);
  });
  nodes.update(changes);
  network.fit({nodes: Object.keys(members), animation: false});
  select(id);
  wholeButton.disabled = false;
}

function showWhole() {
  if (fengong.ego === null) return;
  var members = fengong.ego.members;
  fengong.ego = null;
  nodes.update(Object.keys(members).map(function (m) {
    var n = fengong.byId[m];
    return {id: m, x: n.x, y: n.y, font: {size: n.font.size}, scaling: {label: {drawThreshold: fengong.labelThreshold}}};
  }));
  applyFilters();
  wholeButton.disabled = true;
  network.fit({animation: false});
}

egoButton.addEventListener("click", function () {
  var id = network.getSelectedNodes()[0];
  if (id !== undefined && fengong.byId[id].group === "body") showEgo(id);
});
wholeButton.addEventListener("click", showWhole);
network.on("doubleClick", function (params) {
  if (params.nodes.length && fengong.byId[params.nodes[0]].group === "body") showEgo(params.nodes[0]);
});

if (DATA.focus) showEgo(DATA.focus);
