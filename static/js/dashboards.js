// Dashboard charts: each <figure data-chart="…"> names a json_script element; the table beside the chart
// stays for screen readers (visually hidden once the chart is drawn). Runs on page load and after HTMX swaps.
(function () {
  "use strict";

  function draw(figure) {
    if (figure.dataset.drawn || typeof window.Chart === "undefined") { return; }
    var source = document.getElementById(figure.dataset.chart);
    var canvas = figure.querySelector("canvas");
    if (!source || !canvas) { return; }
    var data = JSON.parse(source.textContent);
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: {}
    };
    var valueAxis = data.horizontal ? "x" : "y";
    options.indexAxis = data.horizontal ? "y" : "x";
    options.scales[valueAxis] = { beginAtZero: true, ticks: { precision: 0 } };
    if (data.max) { options.scales[valueAxis].max = data.max; }
    // Long category names (channels) are shortened on the axis; the tooltip and the table keep them whole.
    options.scales[options.indexAxis] = {
      ticks: {
        autoSkip: !data.horizontal,
        callback: function (value) {
          var label = String(this.getLabelForValue(value));
          return label.length > 26 ? label.slice(0, 25) + "…" : label;
        }
      }
    };
    new window.Chart(canvas, {
      type: data.kind || "bar",
      data: {
        labels: data.labels,
        datasets: [{
          label: data.label,
          data: data.values,
          backgroundColor: "rgba(13, 110, 253, 0.6)",
          borderColor: "rgb(13, 110, 253)",
          borderWidth: 1,
          spanGaps: true
        }]
      },
      options: options
    });
    figure.dataset.drawn = "1";
    figure.classList.add("chart-drawn");
  }

  function drawAll(root) {
    (root || document).querySelectorAll("figure[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:load", function (event) { drawAll(event.target); });
  // Print what is on screen: charts keep their size instead of stretching to the paper width mid-render.
  window.addEventListener("beforeprint", function () {
    if (!window.Chart) { return; }
    Object.values(window.Chart.instances || {}).forEach(function (chart) { chart.resize(); });
  });
})();
