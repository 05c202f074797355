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
  var params = new URLSearchParams(window.location.search);
  var ui = null;

  function input() {
    return box.querySelector("input[type=text], input[type=search], .pagefind-ui__search-input");
  }

  function start(byDate, term) {
    if (ui) ui.destroy();
    ui = new PagefindUI({
      element: "#search",
      bundlePath: box.dataset.bundle,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      excerptLength: 40,
      sort: byDate ? { date: "desc" } : null
    });
    // The UI's input has only a placeholder and a title: give it a real accessible name.
    var field = input();
    if (field) {
      field.setAttribute("aria-label", box.dataset.label || field.getAttribute("placeholder") || "Search");
      field.setAttribute("name", "q");
    }
    if (term) ui.triggerSearch(term);
  }

  var sortBox = document.getElementById("search-sort");
  var byDate = params.get("sort") === "date";
  if (sortBox) {
    sortBox.hidden = false;                          // without JavaScript there is nothing to sort
    sortBox.querySelector("input[value='" + (byDate ? "date" : "") + "']").checked = true;
    sortBox.addEventListener("change", function (event) {
      var field = input();
      var term = field ? field.value : "";
      var wanted = event.target.value === "date";
      var url = new URL(window.location.href);
      if (wanted) url.searchParams.set("sort", "date"); else url.searchParams.delete("sort");
      if (term) url.searchParams.set("q", term);
      window.history.replaceState(null, "", url);
      start(wanted, term);
    });
  }
  start(byDate, params.get("q"));
})();
