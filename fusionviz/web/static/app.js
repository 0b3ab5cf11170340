/* fusionviz page enhancements. The page works without this file: the form is a
   plain GET form and the upload a plain POST. This adds gene autocompletion,
   transcript lists that follow the gene, redraw-in-place (keeping the form and
   updating the address so it stays a permalink) and sortable tables. */
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  /* ---------------------------------------------------------------- genes */
  function setupAutocomplete(form) {
    var list = $("#gene-list");
    if (!list) return;
    var fill = debounce(function (prefix) {
      fetch("/api/genes?limit=30&prefix=" + encodeURIComponent(prefix))
        .then(function (r) { return r.ok ? r.json() : { genes: [] }; })
        .then(function (data) {
          list.textContent = "";
          (data.genes || []).forEach(function (g) {
            var o = document.createElement("option");
            o.value = g;
            list.appendChild(o);
          });
        })
        .catch(function () { /* autocompletion is optional */ });
    }, 120);
    $all("input[list=gene-list]", form).forEach(function (input) {
      input.addEventListener("input", function () { fill(input.value); });
      input.addEventListener("focus", function () { fill(input.value); });
    });
  }

  /* ---------------------------------------------------------------- transcripts */
  function loadTranscripts(gene, select, keep) {
    if (!gene) { resetSelect(select, []); return Promise.resolve(); }
    return fetch("/api/transcripts?gene=" + encodeURIComponent(gene))
      .then(function (r) { return r.ok ? r.json() : { transcripts: [] }; })
      .then(function (data) { resetSelect(select, data.transcripts || [], keep); select.setAttribute("data-gene", gene); })
      .catch(function () { resetSelect(select, []); });
  }

  function resetSelect(select, transcripts, keep) {
    var current = keep ? select.value : "";
    select.textContent = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = "default (MANE Select)";
    select.appendChild(first);
    transcripts.forEach(function (t) {
      var o = document.createElement("option");
      o.value = t.value;
      o.textContent = t.label + (t["default"] ? " \u2014 default" : "");
      select.appendChild(o);
    });
    select.value = current;
    if (select.value !== current) select.value = "";
  }

  /* ---------------------------------------------------------------- redraw */
  function formQuery(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim()) params.append(key, String(value).trim());
    });
    return params.toString();
  }

  var pending = null;
  function redraw(form, push) {
    var qs = formQuery(form);
    var result = $("#result");
    if (!qs) { result.textContent = ""; history.replaceState(null, "", "/"); return; }
    if (pending) pending.abort();
    pending = new AbortController();
    result.classList.add("busy");
    fetch("/result?" + qs, { signal: pending.signal })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        result.innerHTML = html;  // server-rendered, autoescaped fragment of our own page
        result.classList.remove("busy");
        var url = "/?" + qs;
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
        var name = $("#fusion-name", result);
        document.title = (name ? name.textContent.trim() + " \u00b7 " : "") + "fusionviz";
        syncForm(form);
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") return;
        result.classList.remove("busy");
        form.submit();  // fall back to the plain form
      });
  }

  // After an answer to the free-text field, fill the partner fields and the
  // transcript lists from it, so that one exon or transcript can be switched.
  function syncForm(form) {
    var state = $("#form-state");
    if (!state) return;
    ["5", "3"].forEach(function (role) {
      var g = $("#g" + role, form), e = $("#e" + role, form), t = $("#t" + role, form);
      var gene = state.getAttribute("data-g" + role) || "";
      var tx = state.getAttribute("data-t" + role) || "";
      e.value = state.getAttribute("data-e" + role) || "";
      var same = (t.getAttribute("data-gene") || "").toUpperCase() === gene.toUpperCase();
      g.value = gene;
      if (same) { setSelect(t, tx); return; }
      loadTranscripts(gene, t).then(function () { setSelect(t, tx); });
    });
  }

  function setSelect(select, value) {
    select.value = value || "";
    if ((value || "") && select.value !== value) {
      var o = document.createElement("option");
      o.value = value; o.textContent = value;
      select.appendChild(o);
      select.value = value;
    }
  }

  function setupForm(form) {
    var q = $("#q", form);
    // Partner fields edited: they now define the fusion, so the free text steps aside.
    ["g5", "e5", "g3", "e3"].forEach(function (id) {
      $("#" + id, form).addEventListener("input", function () { q.value = ""; });
    });
    $all("input[data-gene-for]", form).forEach(function (input) {
      var select = $("#" + input.getAttribute("data-gene-for"), form);
      if (select.options.length > 1) select.setAttribute("data-gene", input.value.trim());
      input.addEventListener("change", function () {
        var gene = input.value.trim();
        if (gene.toUpperCase() === (select.getAttribute("data-gene") || "").toUpperCase()) return;
        loadTranscripts(gene, select).then(function () { maybeRedraw(); });
      });
    });
    ["e5", "e3"].forEach(function (id) {
      $("#" + id, form).addEventListener("change", function () { maybeRedraw(); });
    });
    ["t5", "t3"].forEach(function (id) {
      $("#" + id, form).addEventListener("change", function () { redraw(form, false); });
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      redraw(form, true);
    });
    window.addEventListener("popstate", function () { window.location.reload(); });

    function maybeRedraw() {
      // Redraw on a change only once there is an answer and enough to ask again.
      var ready = q.value.trim() || ($("#g5", form).value.trim() && $("#e5", form).value.trim() &&
                  $("#g3", form).value.trim() && $("#e3", form).value.trim());
      if (ready && $("#result").children.length) redraw(form, false);
    }
  }

  /* ---------------------------------------------------------------- sortable */
  function setupSortable(table) {
    var heads = $all("thead th", table);
    heads.forEach(function (th, index) {
      if (th.classList.contains("nosort")) return;
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "sort");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[index]), y = cellValue(b.cells[index]);
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0)
                          : x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sort(); });
    });
  }

  function cellValue(cell) {
    if (!cell) return "";
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = $("#fusion-form");
    if (form) { setupAutocomplete(form); setupForm(form); }
    $all("table.sortable").forEach(setupSortable);
  });
})();
