// Kith's own few lines of script. Everything works without it; it only adds conveniences.

// A button with data-copy="<id>" copies that field's value, and says so (data-copied).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (!field) return;
  var said = function () {
    button.textContent = button.getAttribute("data-copied");
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(said);
  } else {
    field.select();
    if (document.execCommand("copy")) said();
  }
});

// The form controls a field error speaks of: those in its field, or else the next control
// after it in the form (forms laid out as a flat stack put the error just before its label).
function kithControlsFor(error) {
  var controls = "input:not([type=hidden]), select, textarea";
  var field = error.closest(".field");
  if (field) return Array.prototype.slice.call(field.querySelectorAll(controls));
  for (var el = error.nextElementSibling; el; el = el.nextElementSibling) {
    if (el.matches(controls)) return [el];
    var inner = el.querySelectorAll(controls);
    if (inner.length) return Array.prototype.slice.call(inner);
  }
  return [];
}

// Each field error is tied to its controls (aria-invalid, aria-describedby), so a screen
// reader says the mistake on reaching the field; the focus goes to the summary of problems
// (or the first field in error), so the person starts where the mistakes are told.
function kithTieErrors() {
  var errors = document.querySelectorAll(".field-error");
  for (var i = 0; i < errors.length; i++) {
    var error = errors[i];
    if (!error.id) error.id = "field-error-" + i;
    kithControlsFor(error).forEach(function (control) {
      control.setAttribute("aria-invalid", "true");
      var said = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (said.indexOf(error.id) < 0) said.push(error.id);
      control.setAttribute("aria-describedby", said.join(" "));
    });
  }
  var summary = document.getElementById("problems");
  var first = summary || document.querySelector("[aria-invalid=true]");
  if (first) first.focus();
}

// A table wider than the screen (at 200 % zoom, on a tablet) scrolls sideways: it can then
// be reached and scrolled with the keyboard, and is named by its heading.
function kithScrollableTables() {
  document.querySelectorAll(".table-wrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var label = wrap.querySelector("caption") || wrap.closest("section, main").querySelector("h1, h2");
      if (label && !wrap.hasAttribute("aria-label")) wrap.setAttribute("aria-label", label.textContent.trim());
    } else if (wrap.getAttribute("tabindex") === "0") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
    }
  });
}

// A form with data-draft="<address>" is kept as a draft while it is written: two seconds
// after the last change, and when the page is left. The status beside the save button says
// when it was last kept, or that it could not be (the session ended, the network is down).
function kithKeepDrafts() {
  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    var address = form.getAttribute("data-draft");
    var status = form.querySelector(".draft-status");
    var timer = null;
    var dirty = false;
    var say = function (key, time) {
      if (status) status.textContent = status.getAttribute(key) + (time ? " " + time : "");
    };
    var keep = function () {
      timer = null;
      if (!dirty) return;
      dirty = false;
      fetch(address, { method: "POST", body: new URLSearchParams(new FormData(form)), redirect: "manual" })
        .then(function (r) {
          if (r.status !== 204) throw new Error(String(r.status));
          var lang = document.documentElement.lang;
          say("data-saved", new Date().toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" }));
        })
        .catch(function () {
          dirty = true;
          say("data-failed");
        });
    };
    var changed = function () {
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(keep, 2000);
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      dirty = false;
      if (timer) clearTimeout(timer);
    });
    window.addEventListener("pagehide", function () {
      if (dirty && navigator.sendBeacon) navigator.sendBeacon(address, new URLSearchParams(new FormData(form)));
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  kithTieErrors();
  kithScrollableTables();
  kithKeepDrafts();
});
window.addEventListener("resize", kithScrollableTables);

// A button with data-print prints the page (a document for the family).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
