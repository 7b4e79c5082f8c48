"use strict";
// fengong serve's query page. Everything it fetches is the query endpoint of the server that
// served it (the Content-Security-Policy allows nothing else); answers reach the page only as
// text (textContent), never as HTML.
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const editor = document.getElementById("query");
  const status = document.getElementById("status");
  const table = document.getElementById("results");
  const text = document.getElementById("text");
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

  function show(results, seconds) {
    if ("boolean" in results) {
      status.textContent = `${results.boolean} (${seconds} s)`;
      return;
    }
    const vars = results.head.vars;
    const rows = results.results.bindings;
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of rows.slice(0, data.maxRows)) {
      const tr = body.insertRow();
      for (const v of vars) {
        const td = tr.insertCell();
        const term = row[v];
        if (!term) continue;
        td.textContent = term.value;
        if (term.type === "uri") td.className = "iri";
        if (term["xml:lang"]) td.title = `@${term["xml:lang"]}`;
        else if (term.datatype) td.title = term.datatype;
      }
    }
    const shown = rows.length > data.maxRows ? `, the first ${data.maxRows} shown` : "";
    status.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"}${shown} (${seconds} s)`;
  }

  async function run() {
    table.replaceChildren();
    text.textContent = "";
    status.textContent = "running…";
    const started = performance.now();
    let response;
    try {
      response = await fetch(data.endpoint, {
        method: "POST",
        headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
        body: new URLSearchParams({query: editor.value}),
      });
    } catch (err) {
      status.textContent = `the server did not answer (${err.message})`;
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status.textContent = `HTTP ${response.status}: ${(await response.text()).trim()}`;
      return;
    }
    if ((response.headers.get("Content-Type") || "").startsWith("application/sparql-results+json")) {
      show(await response.json(), seconds);
    } else {
      text.textContent = await response.text();
      status.textContent = `${seconds} s`;
    }
  }

  document.getElementById("run").addEventListener("click", run);
  editor.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      run();
    }
  });
  for (const button of document.querySelectorAll("[data-query]")) {
    button.addEventListener("click", () => {
      editor.value = data.queries[button.dataset.query];
      run();
    });
  }
})();
