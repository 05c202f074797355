// The WeChat edition's 复制 button: copies <section id="wechat"> as rich text (text/html, with a
// plain-text twin) for the 公众号 editor. Works from the output folder (file://) and any host.
(function () {
  var button = document.querySelector("[data-copy]");
  if (!button) return;
  var status = button.parentNode.querySelector("[role=status]");
  function say(text) { if (status) status.textContent = text; }
  function bySelection(section) {   // older browsers, or a page without the Clipboard API
    var range = document.createRange();
    range.selectNodeContents(section);
    var chosen = window.getSelection();
    chosen.removeAllRanges();
    chosen.addRange(range);
    var done = document.execCommand("copy");
    chosen.removeAllRanges();
    return done;
  }
  button.addEventListener("click", function () {
    var section = document.getElementById(button.getAttribute("data-copy"));
    var html = section.outerHTML, text = section.innerText;
    if (navigator.clipboard && window.ClipboardItem) {
      var item = new ClipboardItem({"text/html": new Blob([html], {type: "text/html"}),
                                    "text/plain": new Blob([text], {type: "text/plain"})});
      navigator.clipboard.write([item]).then(function () { say(button.getAttribute("data-done")); },
        function () { say(button.getAttribute(bySelection(section) ? "data-done" : "data-failed")); });
    } else {
      say(button.getAttribute(bySelection(section) ? "data-done" : "data-failed"));
    }
  });
})();
