/* While the title of a new proposal is typed, list the round's proposals with similar
   titles (GET data-similar-url?titulo=...), so people can support one instead of sending a
   duplicate. Every text is set with textContent. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  if (!form || !window.fetch) {
    return;
  }
  var input = form.querySelector("input[name=title]");
  var box = document.getElementById("similares");
  if (!input || !box) {
    return;
  }
  var url = form.getAttribute("data-similar-url");
  var exclude = form.getAttribute("data-similar-exclude");
  var timer = null;
  var last = "";

  /* The list appears above the fields people are typing in; keep the one with the focus
     on the screen when it pushes (or pulls) them (WCAG 2.4.11, focus not obscured). */
  function keepFocusInView() {
    var active = document.activeElement;
    if (!active || active === document.body || !form.contains(active)) {
      return;
    }
    var rect = active.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) {
      active.scrollIntoView({block: "nearest"});
    }
  }

  function render(items) {
    box.textContent = "";
    if (!items || !items.length) {
      keepFocusInView();
      return;
    }
    var heading = document.createElement("p");
    heading.textContent = box.getAttribute("data-heading");
    box.appendChild(heading);
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = item.reference + " " + item.title;
      entry.appendChild(link);
      entry.appendChild(document.createTextNode(" (" + box.getAttribute("data-new-tab") + ")"));
      list.appendChild(entry);
    });
    box.appendChild(list);
    keepFocusInView();
  }

  function lookUp() {
    var title = input.value.trim();
    if (title === last) {
      return;
    }
    last = title;
    if (title.length < 4) {
      render([]);
      return;
    }
    var query = "?titulo=" + encodeURIComponent(title);
    if (exclude) {
      query += "&excluir=" + encodeURIComponent(exclude);
    }
    fetch(url + query, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (items) {
        if (input.value.trim() === title) {
          render(items);
        }
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 400);
  });
})();
