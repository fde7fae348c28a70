// Progressive enhancement for import forms: show that a large file is being checked and prevent double posts.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("[data-exchange-upload]")) { return; }
  if (form.dataset.submitted) { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  var busy = form.querySelector("[data-exchange-busy]");
  if (busy) { busy.classList.remove("d-none"); }
  form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
});
