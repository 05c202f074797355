// Pagefind's UI, pointed at the index folder relative to this page (works under any sub-path).
// Results show the title, the issue and the section (meta of each article) and an excerpt.
(function () {
  var box = document.getElementById("search");
  if (!box) return;
  if (typeof PagefindUI === "undefined") {          // built with --no-search
    box.textContent = box.dataset.missing || "";
    return;
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: box.dataset.bundle,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    excerptLength: 40
  });
  // The UI's input has only a placeholder and a title: give it a real accessible name.
  var input = box.querySelector("input[type=text], input[type=search], .pagefind-ui__search-input");
  if (input) {
    input.setAttribute("aria-label", box.dataset.label || input.getAttribute("placeholder") || "Search");
    input.setAttribute("name", "q");
  }
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
