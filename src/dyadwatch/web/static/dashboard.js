// The dashboard: asks the JSON API for charts and evidence and draws them with the vendored vega-embed.
// Text from the store is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";

  var state = { a: null, b: null, freq: "month", views: {}, changepoints: [], seq: 0, evidenceSeq: 0 };
  var EMBED = { actions: { export: true, source: false, compiled: false, editor: false }, renderer: "svg" };
  var QUAD = { 1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict" };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function showMessage(text) {
    var box = $("message");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) throw new Error(body.detail || ("HTTP " + res.status));
        return body;
      });
    });
  }

  function params() {
    var p = new URLSearchParams();
    p.set("a", $("a").value.trim().toUpperCase());
    p.set("b", $("b").value.trim().toUpperCase());
    if ($("start").value) p.set("start", $("start").value);
    if ($("end").value) p.set("end", $("end").value);
    p.set("freq", $("freq").value);
    $("threat").value.split(/[\s,]+/).filter(Boolean).forEach(function (t) { p.append("threat", t.toUpperCase()); });
    return p;
  }

  function dataParams(p) {
    var q = new URLSearchParams();
    ["a", "b", "start", "end"].forEach(function (k) { if (p.get(k)) q.set(k, p.get(k)); });
    return q;
  }

  function loadStatus() {
    getJSON("/api/status").then(function (st) {
      var total = st.datasets.reduce(function (n, d) { return n + d.events; }, 0);
      var names = st.datasets.map(function (d) { return d.dataset; }).join(", ") || "no datasets";
      $("store-status").textContent = total.toLocaleString("en") + " events · " + names;
    }).catch(function (err) { $("store-status").textContent = "store: " + err.message; });
  }

  function loadChoices() {
    getJSON("/api/countries").then(function (res) {
      var list = $("country-list");
      res.countries.forEach(function (c) { list.appendChild(el("option", { value: c.code }, c.name)); });
    });
    return getJSON("/api/dyads?limit=100").then(function (res) {
      var sel = $("dyad");
      res.dyads.forEach(function (d) {
        sel.appendChild(el("option", { value: d.a + "-" + d.b }, d.a_name + " – " + d.b_name + " (" + d.events.toLocaleString("en") + ")"));
      });
      return res.dyads;
    });
  }

  function renderNumbers(numbers) {
    var box = $("numbers");
    box.textContent = "";
    numbers.forEach(function (k) {
      var card = el("div", { "class": "number", "data-name": k.name });
      card.appendChild(el("div", { "class": "label" }, k.label));
      card.appendChild(el("div", { "class": "value" }, k.text));
      card.appendChild(el("div", { "class": "note" }, k.note));
      box.appendChild(card);
    });
  }

  function renderChangepoints(cps) {
    var list = $("cp-list");
    list.textContent = "";
    if (!cps.length) { list.appendChild(el("li", { "class": "muted" }, "No change points in this range.")); return; }
    cps.forEach(function (cp) {
      var li = el("li");
      var link = el("a", { "data-period": cp.period }, String(cp.period).slice(0, 10));
      link.addEventListener("click", function () { loadEvidence(cp.period); });
      li.appendChild(link);
      var before = Number(cp.before), after = Number(cp.after);
      li.appendChild(el("span", { "class": "shift" }, "  " + before.toFixed(2) + " → " + after.toFixed(2)));
      var first = (cp.evidence || [])[0];
      if (first) li.appendChild(el("div", {}, first.title || first.sentence || ""));
      list.appendChild(li);
    });
  }

  function renderThreats(rows) {
    var table = $("threat-table"), body = table.querySelector("tbody");
    body.textContent = "";
    table.hidden = !rows.length;
    $("threat-empty").hidden = rows.length > 0;
    rows.forEach(function (t) {
      var tr = el("tr");
      tr.appendChild(el("td", {}, t.third_party));
      tr.appendChild(el("td", { "class": "num" }, t.lag));
      tr.appendChild(el("td", { "class": "num" }, t.f_stat === null ? "" : Number(t.f_stat).toFixed(2)));
      tr.appendChild(el("td", { "class": "num" }, t.p_value === null ? "" : Number(t.p_value).toFixed(4)));
      tr.appendChild(el("td", {}, t.summary || t.direction || ""));
      body.appendChild(tr);
    });
  }

  function embed(id, spec) {
    if (state.views[id]) { state.views[id].finalize(); delete state.views[id]; }
    var target = $(id);
    target.textContent = "";
    if (!spec) return Promise.resolve(null);
    return vegaEmbed("#" + id, spec, EMBED).then(function (res) { state.views[id] = res.view; return res.view; });
  }

  function setDownloads(p) {
    var data = dataParams(p).toString();
    $("dl-csv").href = "/api/events.csv?" + data;
    $("dl-parquet").href = "/api/events.parquet?" + data;
    $("dl-report").href = "/api/report?" + p.toString() + "&format=html";
    $("dl-pdf").href = "/api/report?" + p.toString() + "&format=pdf";
  }

  function show() {
    var p = params();
    state.a = p.get("a"); state.b = p.get("b"); state.freq = p.get("freq");
    showMessage("");
    document.body.classList.add("loading");
    history.replaceState(null, "", "?" + p.toString());
    setDownloads(p);
    // Only the latest request may draw: an earlier one (the first page load, a previous choice)
    // can answer after the user has moved on.
    var seq = state.seq = (state.seq || 0) + 1;
    return getJSON("/api/charts?" + p.toString()).then(function (res) {
      if (seq !== state.seq) return null;
      $("dyad-title").textContent = res.charts.index.title;
      $("briefing").textContent = res.briefing || "";
      renderNumbers(res.key_numbers || []);
      renderChangepoints(res.changepoints || []);
      renderThreats(res.shared_threat || []);
      var irfCaption = (res.captions || {}).irf || "";
      $("irf-caption").textContent = irfCaption;
      $("irf-caption").hidden = !(res.charts.irf && irfCaption);
      state.changepoints = res.changepoints || [];
      return Promise.all([
        embed("chart-index", res.charts.index).then(function (view) {
          view.addEventListener("click", function (_event, item) {
            if (item && item.datum && item.datum.period && item.mark && (item.mark.marktype === "symbol" || item.mark.marktype === "rule")) {
              loadEvidence(item.datum.period);
            }
          });
        }),
        embed("chart-quad", res.charts.quad),
        embed("chart-threat", res.charts.shared_threat || null),
        embed("chart-irf", res.charts.irf || null),
      ]);
    }).catch(function (err) { if (seq === state.seq) showMessage(err.message); })
      .finally(function () { if (seq === state.seq) document.body.classList.remove("loading"); });
  }

  // Vega parses temporal fields into timestamps (UTC midnight); the API wants YYYY-MM-DD.
  function isoDate(value) {
    if (typeof value === "number" || value instanceof Date) return new Date(value).toISOString().slice(0, 10);
    return String(value).slice(0, 10);
  }

  function loadEvidence(period) {
    var q = new URLSearchParams({ a: state.a, b: state.b, period: isoDate(period), freq: state.freq, limit: "50" });
    $("evidence-title").textContent = "Evidence · loading…";
    var seq = state.evidenceSeq = (state.evidenceSeq || 0) + 1;
    return getJSON("/api/evidence?" + q.toString()).then(function (res) {
      if (seq !== state.evidenceSeq) return;
      $("evidence-title").textContent = "Evidence · " + res.start + " to " + res.end;
      var cp = state.changepoints.filter(function (c) { return String(c.period).slice(0, 10) === res.period; })[0];
      var summary = res.total.toLocaleString("en") + " events" + (res.total > res.count ? ", showing " + res.count + " (sentences first)" : "");
      if (cp) summary += " · change point: " + Number(cp.before).toFixed(2) + " → " + Number(cp.after).toFixed(2);
      $("evidence-summary").textContent = summary;
      var list = $("evidence-list");
      list.textContent = "";
      res.events.forEach(function (e) {
        var li = el("li", { "data-event": e.event_id });
        var meta = el("div", { "class": "meta" });
        meta.appendChild(el("span", { "class": "badge q" + (e.quad_class || 0) }, QUAD[e.quad_class] || "event"));
        meta.appendChild(el("span", {}, e.date));
        meta.appendChild(el("span", {}, (e.source_country || "?") + " → " + (e.target_country || "?")));
        meta.appendChild(el("span", {}, [e.cameo_code, e.event_type].filter(Boolean).join(" ")));
        li.appendChild(meta);
        li.appendChild(el("p", { "class": "sentence" }, e.sentence || "(no sentence: " + (e.source_actor || "") + " → " + (e.target_actor || "") + ")"));
        if (e.url && /^https?:\/\//.test(e.url)) {
          var a = el("a", { "class": "source", href: e.url, rel: "noopener noreferrer", target: "_blank" }, new URL(e.url).host);
          li.appendChild(a);
        }
        list.appendChild(li);
      });
    }).catch(function (err) {
      if (seq !== state.evidenceSeq) return;
      $("evidence-title").textContent = "Evidence";
      showMessage(err.message);
    });
  }

  function init() {
    var url = new URLSearchParams(location.search);
    ["a", "b", "start", "end", "freq"].forEach(function (k) { if (url.get(k)) $(k).value = url.get(k); });
    if (url.getAll("threat").length) $("threat").value = url.getAll("threat").join(", ");
    $("dyad").addEventListener("change", function () {
      var v = $("dyad").value.split("-");
      if (v.length === 2) { $("a").value = v[0]; $("b").value = v[1]; show(); }
    });
    $("controls").addEventListener("submit", function (ev) { ev.preventDefault(); show(); });
    loadStatus();
    loadChoices().then(function (dyads) {
      if ($("a").value && $("b").value) {
        var key = $("a").value.toUpperCase() + "-" + $("b").value.toUpperCase();
        if (dyads.some(function (d) { return d.a + "-" + d.b === key; })) $("dyad").value = key;
        show();
        return;
      }
      var jk = dyads.filter(function (d) { return d.a === "JPN" && d.b === "KOR"; })[0];
      if (jk) { $("dyad").value = "JPN-KOR"; $("a").value = "JPN"; $("b").value = "KOR"; show(); }
    }).catch(function (err) { showMessage(err.message); });
  }

  window.dyadwatch = { show: show, loadEvidence: loadEvidence, state: state };
  document.addEventListener("DOMContentLoaded", init);
})();
