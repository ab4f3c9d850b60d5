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
