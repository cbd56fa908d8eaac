/// The console's only script: keeps the live part of a page current from its event stream.
/// Without it (or without a connection) the page still works; it is just not live.
enum ConsoleScript {
    static let source = """
    (function () {
      var live = document.getElementById("live");
      if (!live || !window.EventSource) return;
      var source = new EventSource(live.getAttribute("data-events"));
      // Section by section: only a section that changed is replaced, so a button that did not
      // change is not swapped out from under a click while the waits tick.
      function sections(root) { return Array.prototype.filter.call(root.children, function (c) { return c.hasAttribute("data-part"); }); }
      source.onmessage = function (event) {
        var part = JSON.parse(event.data);
        if (typeof part.html !== "string") return;
        var fresh = document.createElement("div");
        fresh.innerHTML = part.html;
        var now = sections(live), next = sections(fresh);
        var same = now.length === next.length && now.every(function (s, i) { return s.getAttribute("data-part") === next[i].getAttribute("data-part"); });
        if (!same) { live.innerHTML = part.html; }
        else { next.forEach(function (s, i) { if (now[i].outerHTML !== s.outerHTML) now[i].replaceWith(s); }); }
        live.setAttribute("data-updated", String(Date.now()));
      };
      source.onerror = function () { live.setAttribute("data-stream", "reconnecting"); };
      source.onopen = function () { live.setAttribute("data-stream", "open"); };
    })();
    """
}
