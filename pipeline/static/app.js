// vnie viewer: send the article to POST annotate, draw every mention highlighted by kind,
// explain an item on hover/click, list the tables. Plain JS, no build step, no network but this server.
"use strict";
(function () {
  const KINDS = ["persons", "organizations", "locations", "dates", "statistics", "awards"];
  const LABELS = {
    persons: ["Người", "persons"], organizations: ["Tổ chức", "organizations"], locations: ["Địa danh", "locations"],
    dates: ["Thời gian", "dates"], statistics: ["Số liệu", "statistics"], awards: ["Khen thưởng", "awards"],
    award_part: ["Thành phần khen thưởng", "award part"],
  };
  const PARTS = { giver: "cơ quan tặng", award: "hình thức", count: "số lượng", recipient: "đối tượng", year: "năm" };
  // innermost first; among marks of one length, the more specific kind gives the colour
  const PRIORITY = { award_part: 0, persons: 1, organizations: 2, locations: 3, dates: 4, statistics: 5, awards: 6 };
  const COLUMNS = {
    persons: [["name", "Họ tên"], ["titles", "Chức danh"], ["#", "Lần"]],
    organizations: [["name", "Tên"], ["aliases", "Tên khác"], ["#", "Lần"]],
    locations: [["name", "Tên"], ["#", "Lần"]],
    dates: [["text", "Văn bản"], ["value", "Giá trị"], ["granularity", "Loại"]],
    statistics: [["text", "Văn bản"], ["value", "Giá trị"], ["total", "Trên"], ["unit", "Đơn vị"], ["qualifier", "Ước lượng"]],
    awards: [["giver", "Cơ quan tặng"], ["award", "Hình thức"], ["count", "Số lượng"], ["recipient", "Đối tượng"], ["year", "Năm"]],
  };
  const FIELDS = {
    persons: ["name", "titles"], organizations: ["name", "aliases"], locations: ["name"],
    dates: ["text", "value", "granularity"],
    statistics: ["text", "value", "total", "unit", "qualifier", "direction", "comparison"],
    awards: ["giver", "award", "count", "recipient", "year", "text"],
  };
  const NUMBERS = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 });

  const $ = (id) => document.getElementById(id);
  const form = $("article-form"), textarea = $("text"), button = $("submit"), errorBox = $("error");
  const articleBox = $("article"), detailBox = $("detail"), tooltip = $("tooltip");
  const state = { data: null, active: new Set(KINDS), selected: null, segments: [] };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const isEmpty = (v) => v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length);
  function show(value, field) {
    if (isEmpty(value)) return "—";
    if (Array.isArray(value)) return value.join("; ");
    if (typeof value === "number" && field !== "year") return NUMBERS.format(value);
    return String(value);
  }
  const itemKind = (mark) => (mark.kind === "award_part" ? "awards" : mark.kind);
  const keyOf = (mark) => itemKind(mark) + ":" + mark.item;
  const itemOf = (mark) => state.data.record[itemKind(mark)][mark.item];
  const chip = (kind) => el("span", { class: "chip", style: `background: var(--${kind})` });

  function title(kind, item) {
    if (kind === "persons" || kind === "organizations" || kind === "locations") return item.name;
    if (kind === "awards") return [item.award, item.count !== null ? "× " + item.count : null].filter(Boolean).join(" ");
    return item.text;
  }

  // ------------------------------------------------------------------ the article
  function renderArticle() {
    const { text, marks: all } = state.data;
    const chars = Array.from(text); // offsets are code points, JS strings are UTF-16
    const marks = all.filter((m) => state.active.has(itemKind(m)));
    const cuts = new Set([0, chars.length]);
    marks.forEach((m) => { cuts.add(m.start); cuts.add(m.end); });
    const points = [...cuts].sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    state.segments = [];
    let next = 0, open = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      while (next < marks.length && marks[next].start <= a) open.push(marks[next++]);
      open = open.filter((m) => m.end > a);
      const piece = chars.slice(a, b).join("");
      const cover = open.filter((m) => m.start <= a && m.end >= b)
        .sort((x, y) => (x.end - x.start) - (y.end - y.start) || PRIORITY[x.kind] - PRIORITY[y.kind]);
      if (!cover.length) { frag.append(piece); continue; }
      const span = el("span", { class: "m " + cover[0].kind, text: piece, "data-kind": cover[0].kind });
      const rings = [...new Set(cover.slice(1).map((m) => m.kind))].slice(0, 3);
      if (rings.length) span.style.boxShadow = rings.map((k, j) => `inset 0 -${2 * (j + 1)}px 0 var(--${k})`).join(", ");
      span.cover = cover;
      state.segments.push(span);
      frag.append(span);
    }
    articleBox.replaceChildren(frag);
    markSelected();
  }

  function describe(mark) {
    const item = itemOf(mark), kind = itemKind(mark);
    const row = el("div", {}, el("span", { class: "k", style: `background: var(--${mark.kind})`, text: LABELS[mark.kind][0] }));
    if (mark.kind === "award_part") {
      row.append(`${PARTS[mark.part] || mark.part}: ${show(item[mark.part], mark.part)}`);
      return row;
    }
    const values = FIELDS[kind].filter((f) => !isEmpty(item[f]) && !(f === "text" && kind !== "awards"));
    row.append(values.map((f) => (f === "name" ? show(item[f]) : `${f}: ${show(item[f], f)}`)).join(" · "));
    return row;
  }

  function showTooltip(event, span) {
    tooltip.replaceChildren(...span.cover.map(describe));
    tooltip.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
    const y = event.clientY + 18 + tooltip.offsetHeight > window.innerHeight ? event.clientY - tooltip.offsetHeight - 10 : event.clientY + 18;
    tooltip.style.left = x + "px";
    tooltip.style.top = y + "px";
  }

  // ------------------------------------------------------------------ selection and detail
  function select(kind, index, scroll) {
    state.selected = kind + ":" + index;
    markSelected();
    const item = state.data.record[kind][index];
    const dl = el("dl");
    for (const f of FIELDS[kind]) dl.append(el("dt", { text: f }), el("dd", { text: show(item[f], f) }));
    const mentions = el("ol");
    for (const m of item.mentions || []) {
      mentions.append(el("li", {}, `“${m.text}” `, el("span", { class: "rule", text: `câu ${m.sentence} · ${m.rule || ""}` })));
    }
    detailBox.replaceChildren(
      el("h3", {}, chip(kind), " ", `${LABELS[kind][0]}: ${title(kind, item) || ""}`), dl,
      el("p", { class: "hint", text: `${(item.mentions || []).length} lần nhắc (mentions)` }), mentions);
    document.querySelectorAll("tbody tr.selected").forEach((tr) => tr.classList.remove("selected"));
    const row = document.querySelector(`tr[data-key="${state.selected}"]`);
    if (row) row.classList.add("selected");
    if (scroll) {
      const first = state.segments.find((s) => s.classList.contains("selected"));
      if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
    }
  }

  function markSelected() {
    for (const span of state.segments) span.classList.toggle("selected", span.cover.some((m) => keyOf(m) === state.selected));
  }

  // ------------------------------------------------------------------ summary, legend, tables
  function renderSummary() {
    const { record, seconds } = state.data;
    const parts = KINDS.map((k) => [el("b", { text: String((record[k] || []).length) }), ` ${LABELS[k][0].toLowerCase()}`]);
    const box = $("summary");
    box.replaceChildren("Tìm thấy: ");
    parts.forEach((p, i) => box.append(...p, i + 1 < parts.length ? " · " : ""));
    box.append(` (${NUMBERS.format(seconds)} giây)`);
    const meta = [["Ngày đăng", record.published], ["Tác giả", record.author], ["Tiêu đề", record.headline]]
      .filter(([, v]) => !isEmpty(v));
    if (meta.length) box.append(el("br"), ...meta.flatMap(([k, v], i) => [i ? " · " : "", `${k}: `, el("b", { text: v })]));
  }

  function renderLegend() {
    const box = $("legend");
    box.replaceChildren();
    for (const kind of [...KINDS, "award_part"]) {
      const label = el("label", { style: `background: var(--${kind === "award_part" ? "awards" : kind})`, title: LABELS[kind][1] });
      if (kind !== "award_part") {
        const box_ = el("input", { type: "checkbox", "data-kind": kind });
        box_.checked = state.active.has(kind);
        box_.addEventListener("change", () => {
          box_.checked ? state.active.add(kind) : state.active.delete(kind);
          renderArticle();
        });
        label.append(box_);
      } else {
        label.className = "part";
        label.style.background = "var(--award_part)";
      }
      label.append(`${LABELS[kind][0]} · ${LABELS[kind][1]}`);
      box.append(label);
    }
  }

  function renderTables() {
    const box = $("tables");
    box.replaceChildren();
    for (const kind of KINDS) {
      const items = state.data.record[kind] || [];
      const section = el("section", { id: "table-" + kind },
        el("h2", {}, chip(kind), ` ${LABELS[kind][0]} · ${LABELS[kind][1]} `, el("span", { class: "count", text: `(${items.length})` })));
      if (!items.length) {
        section.append(el("p", { class: "empty", text: "Không có (none)" }));
      } else {
        const head = el("tr", {}, ...COLUMNS[kind].map(([, h]) => el("th", { text: h })));
        const body = el("tbody");
        items.forEach((item, i) => {
          const cells = COLUMNS[kind].map(([f]) => {
            const value = f === "#" ? (item.mentions || []).length : item[f];
            return el("td", { class: typeof value === "number" ? "num" : "", text: show(value, f) });
          });
          const tr = el("tr", { "data-key": kind + ":" + i }, ...cells);
          tr.addEventListener("click", () => select(kind, i, true));
          body.append(tr);
        });
        section.append(el("table", {}, el("thead", {}, head), body));
      }
      box.append(section);
    }
  }

  function render(data) {
    state.data = data;
    state.selected = null;
    $("result").hidden = false;
    renderSummary();
    renderLegend();
    renderArticle();
    renderTables();
    const blob = new Blob([JSON.stringify(data.record, null, 2)], { type: "application/json" });
    const link = $("download");
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = (data.record.doc_id || "record") + ".json";
  }

  // ------------------------------------------------------------------ input
  function errorMessage(status, body) {
    if (body && typeof body.message === "string") return body.message;
    if (body && typeof body.detail === "string") return body.detail;
    return `HTTP ${status}: ${JSON.stringify(body)}`;
  }

  async function submit() {
    errorBox.hidden = true;
    const payload = { text: textarea.value };
    if ($("doc_id").value.trim()) payload.doc_id = $("doc_id").value.trim();
    if ($("published").value) payload.published = $("published").value;
    button.disabled = true;
    button.firstChild.textContent = "Đang xử lý… ";
    try {
      const response = await fetch("annotate", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(errorMessage(response.status, body));
      render(body);
    } catch (error) {
      errorBox.textContent = "Lỗi: " + error.message;
      errorBox.hidden = false;
    } finally {
      button.disabled = false;
      button.firstChild.textContent = "Trích xuất ";
    }
  }

  function htmlToText(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("script, style, noscript, nav, footer").forEach((n) => n.remove());
    const blocks = [...doc.querySelectorAll("h1, h2, h3, p, li, figcaption")].map((n) => n.textContent.trim()).filter(Boolean);
    return blocks.length ? blocks.join("\n\n") : (doc.body ? doc.body.textContent.trim() : "");
  }

  function countChars() {
    const counter = $("chars"), max = Number(counter.dataset.max), n = Array.from(textarea.value).length;
    counter.textContent = `${NUMBERS.format(n)} / ${NUMBERS.format(max)} ký tự`;
    counter.style.color = n > max ? "#b91c1c" : "";
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
  });
  textarea.addEventListener("input", countChars);
  $("file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const text = await file.text();
    textarea.value = /\.html?$/i.test(file.name) || /^\s*</.test(text) ? htmlToText(text) : text;
    if (!$("doc_id").value) $("doc_id").value = file.name.replace(/\.[^.]+$/, "");
    countChars();
  });
  articleBox.addEventListener("mousemove", (event) => {
    const span = event.target.closest(".m");
    if (span) showTooltip(event, span); else tooltip.hidden = true;
  });
  articleBox.addEventListener("mouseleave", () => { tooltip.hidden = true; });
  articleBox.addEventListener("click", (event) => {
    const span = event.target.closest(".m");
    if (span) select(itemKind(span.cover[0]), span.cover[0].item, false);
  });
  countChars();
})();
