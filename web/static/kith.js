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

document.addEventListener("DOMContentLoaded", function () {
  kithTieErrors();
  kithScrollableTables();
});
window.addEventListener("resize", kithScrollableTables);
