// Warn before a doomed upload starts; the server enforces the same limits whatever this script does.
(function () {
  "use strict";
  function formatMB(bytes) { return (bytes / (1024 * 1024)).toFixed(1) + " MB"; }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches("input[type=file][data-max-bytes]")) { return; }
    var form = input.form;
    var box = form && form.querySelector("[data-upload-warning]");
    if (!box) { return; }
    var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
    var maxFiles = parseInt(input.getAttribute("data-max-files"), 10);
    var problems = [];
    var files = Array.prototype.slice.call(input.files || []);
    if (maxFiles && files.length > maxFiles) {
      problems.push(box.getAttribute("data-too-many") || ("At most " + maxFiles + " files."));
    }
    files.forEach(function (file) {
      if (maxBytes && file.size > maxBytes) {
        problems.push(file.name + ": " + formatMB(file.size) + " > " + formatMB(maxBytes));
      }
    });
    box.textContent = problems.join(" ");
    box.classList.toggle("d-none", problems.length === 0);
  });
})();
