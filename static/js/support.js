/* Supports without reloading the page: the support forms (data-support-form) are posted
   with fetch, asking for JSON ({supported, count, count_text, message, action, button}),
   and the button and the count change in place. Without JavaScript, or when anything goes
   wrong, the form is posted the ordinary way. */
(function () {
  "use strict";
  if (window.participaSupport || !window.fetch || !window.FormData) {
    return;
  }
  window.participaSupport = true;

  function show(box, selector, text) {
    var element = box.querySelector(selector);
    if (element && typeof text === "string") {
      element.textContent = text;
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-support-form]")) {
      return;
    }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") {
      return;
    }
    var box = form.closest("[data-support]") || form.parentNode;
    var button = form.querySelector("button");
    form.setAttribute("aria-busy", "true");
    if (button) {
      button.disabled = true;
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: {"Accept": "application/json"},
      credentials: "same-origin"
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        throw new Error("not JSON");
      }
      return response.json().then(function (data) {
        return {ok: response.ok, data: data};
      });
    }).then(function (result) {
      var data = result.data;
      if (!result.ok) {
        show(box, "[data-support-status]", data.message);
        return;
      }
      form.action = data.action;
      if (button) {
        button.textContent = data.button;
        button.classList.toggle("secondary", data.supported);
      }
      show(box, "[data-support-count]", data.count_text);
      show(box, "[data-support-status]", data.message);
    }).catch(function () {
      form.removeAttribute("aria-busy");
      form.submit();
    }).then(function () {
      form.removeAttribute("aria-busy");
      if (button) {
        button.disabled = false;
      }
    });
  });
})();
