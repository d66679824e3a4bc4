// Results desk: a running sum of the votes typed in the grid, beside the expressed
// ballots. Only a reading aid: the server checks every figure when the grid is sent.
(function () {
  "use strict";
  const grid = document.querySelector(".desk-grid");
  const output = document.getElementById("desk-sum");
  const expressed = document.getElementById("id_expressed");
  if (!grid || !output || !expressed) {
    return;
  }
  const inputs = grid.querySelectorAll("input[type=number]");
  const format = new Intl.NumberFormat(document.documentElement.lang || "fr");

  function update() {
    let total = 0;
    inputs.forEach(function (input) {
      const value = parseInt(input.value, 10);
      if (!Number.isNaN(value)) {
        total += value;
      }
    });
    const ballots = parseInt(expressed.value, 10);
    output.textContent = Number.isNaN(ballots)
      ? format.format(total)
      : format.format(total) + " / " + format.format(ballots);
  }

  grid.addEventListener("input", update);
  expressed.addEventListener("input", update);
  update();
})();
