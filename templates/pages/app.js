// The pages' small helpers, served as /static/app.js (the pages'
// Content-Security-Policy allows no inline script). The pages work
// without them: the server computes the totals, checks every value and
// shows a refused form again with its messages; this keeps a report's
// totals in step with what is typed and takes the user to the field a
// summary's link names, or that a refused form needs fixed.
"use strict";

// parseNumber reads a number as people type it, as the server does
// (submission.ParseNumber): "1.234.567" or "1 234" for thousands, "12,5"
// for decimals, "12.5" as a decimal point when it cannot be thousands.
// It returns null for what is not a number.
function parseNumber(text) {
  let s = text.trim().replace(/[\s\u00a0]/g, "");
  if (s === "") {
    return null;
  }
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
    s = s.replace(/\./g, "").replace(",", ".");
  } else if ((s.match(/,/g) || []).length === 1 && !s.includes(".")) {
    s = s.replace(",", ".");
  } else if (s.includes(",")) {
    s = s.replace(/,/g, "");
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) {
    return null;
  }
  const f = Number(s);
  return Number.isFinite(f) ? f : null;
}

// format writes a number as the server does (submission.Format): "."
// between thousands, "," before decimals, at most four decimals, two when
// there would be more.
const upTo4 = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 4 });
const upTo2 = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
function format(f) {
  const decimals = (String(Math.abs(f)).split(".")[1] || "").length;
  return (decimals > 4 ? upTo2 : upTo4).format(f);
}

// recompute fills a row's computed cell from the row's inputs: the sum
// ("Cộng") once every input holds a number, the rate once both parts do
// and the denominator is not 0.
function recompute(row) {
  const values = [...row.querySelectorAll("input")].map((input) => parseNumber(input.value));
  const complete = values.length > 0 && values.every((v) => v !== null);
  const sum = row.querySelector("output[data-sum]");
  if (sum) {
    sum.value = complete ? format(values.reduce((a, b) => a + b, 0)) : "";
  }
  const ratio = row.querySelector("output[data-ratio]");
  if (ratio) {
    const [num, den] = values;
    const scale = Number(ratio.dataset.scale) || 1;
    ratio.value = complete && den !== 0 ? format(Math.round((num / den) * scale * 100) / 100) : "";
  }
}

function recomputeAll() {
  for (const output of document.querySelectorAll("table.grid output[data-sum], table.grid output[data-ratio]")) {
    recompute(output.closest("tr"));
  }
}

// field is the form field an id names: the element itself, or the first
// field inside it (an indicator's box, a section).
function field(id) {
  const el = document.getElementById(id);
  if (!el || el.matches("input, select, textarea")) {
    return el;
  }
  return el.querySelector("input, select, textarea") || el;
}

// goTo brings the field into the middle of the window (clear of the
// sticky buttons at the bottom) and puts the cursor in it.
function goTo(el) {
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
}

document.addEventListener("input", (e) => {
  const row = e.target.closest("table.grid tr");
  if (row) {
    recompute(row);
  }
});

// A summary's link goes to its field and keeps the address (#field), so
// that the browser's Back returns to the summary.
document.addEventListener("click", (e) => {
  const link = e.target.closest('a[href^="#"]');
  if (!link) {
    return;
  }
  const el = field(decodeURIComponent(link.getAttribute("href").slice(1)));
  if (!el) {
    return;
  }
  e.preventDefault();
  history.pushState(null, "", link.getAttribute("href"));
  goTo(el);
});

document.addEventListener("DOMContentLoaded", () => {
  // Values the browser restored (Back, a reload) are what is on screen.
  recomputeAll();
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) {
    if (target.matches("input, select, textarea")) {
      goTo(target);
    }
    return;
  }
  // A refused save: its summary, at the top, is read out first.
  const summary = document.getElementById("can-sua");
  if (summary) {
    summary.focus();
    return;
  }
  // Another refused form, perhaps far down the page: to its first
  // refused field, or to its message.
  const invalid = document.querySelector('form [aria-invalid="true"]');
  const alert = document.querySelector('form [role="alert"], form + [role="alert"]');
  if (invalid) {
    goTo(invalid);
  } else if (alert) {
    alert.scrollIntoView({ block: "center" });
  }
});
