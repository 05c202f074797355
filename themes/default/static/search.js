// Pagefind's UI, pointed at the index folder relative to this page (works under any sub-path).
// Results show the title, the issue and the section (meta of each article) and an excerpt.
// ?q=… searches at once; ?sort=date lists the newest first (the radio buttons above the box).
(function () {
  var box = document.getElementById("search");
  if (!box) return;
  if (typeof PagefindUI === "undefined") {          // built with --no-search
    box.textContent = box.dataset.missing || "";
    return;
  }
  if (window.location.protocol === "file:") {       // the index is loaded as a module: not from file://
    box.textContent = box.dataset.offline || "";
    return;
  }
  var params = new URLSearchParams(window.location.search);
  var byDate = params.get("sort") === "date";
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: box.dataset.bundle,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    excerptLength: 40,
    sort: byDate ? { date: "desc" } : null
  });
  // The UI's input has only a placeholder and a title: give it a real accessible name.
  var input = box.querySelector("input[type=text], input[type=search], .pagefind-ui__search-input");
  if (input) {
    input.setAttribute("aria-label", box.dataset.label || input.getAttribute("placeholder") || "Search");
    input.setAttribute("name", "q");
  }
  var q = params.get("q");
  if (q) ui.triggerSearch(q);
  var sortBox = document.getElementById("search-sort");
  if (sortBox) {
    sortBox.hidden = false;                          // without JavaScript there is nothing to sort
    var chosen = sortBox.querySelector("input[value='" + (byDate ? "date" : "") + "']");
    if (chosen) chosen.checked = true;
    // The page again with ?sort=date (Back returns to the other order): a second PagefindUI
    // on the same page sometimes never loaded its index (1 run in 4 in Chromium). The
    // issue and section filters chosen are not carried over.
    sortBox.addEventListener("change", function (event) {
      var url = new URL(window.location.href);
      if (event.target.value === "date") url.searchParams.set("sort", "date");
      else url.searchParams.delete("sort");
      if (input && input.value) url.searchParams.set("q", input.value);
      window.location.assign(url.toString());
    });
  }
})();
