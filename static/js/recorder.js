/* Recording in the browser, where the browser can (issue 18, item 4): on the forms that
   take a recording, a button records from the microphone (MediaRecorder) and puts the
   recording in the form's own file input ([data-recorder]), so the form is sent exactly as
   if a file had been chosen, and the server checks it as any upload. Without JavaScript,
   MediaRecorder, a microphone or a way to fill the input (DataTransfer), nothing is added
   and the file input works as before. The texts come from the page (data-* attributes), in
   the reader's language. Nothing plays by itself. */
(function () {
  "use strict";
  var box = document.querySelector("[data-recorder]");
  if (!box || window.participaRecorder || !window.MediaRecorder || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia || typeof DataTransfer !== "function" ||
      typeof File !== "function") {
    return;
  }
  window.participaRecorder = true;
  var input = box.querySelector("input[type=file]");
  if (!input) {
    return;
  }
  // Opus in Ogg where the browser writes it, else in WebM; the server reads both.
  var types = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/webm"];
  var type = "";
  for (var i = 0; i < types.length; i += 1) {
    if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) {
      type = types[i];
      break;
    }
  }
  if (!type) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = box.getAttribute("data-start");
  var status = document.createElement("p");
  status.className = "hint";
  status.setAttribute("role", "status");
  box.appendChild(button);
  box.appendChild(status);

  var recorder = null;
  var started = 0;

  function clock(seconds) {
    return Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
  }

  function stopped(stream, chunks) {
    stream.getTracks().forEach(function (track) { track.stop(); });
    var mime = (recorder.mimeType || type).split(";")[0];
    var name = box.getAttribute("data-name") + (mime === "audio/ogg" ? ".ogg" : ".webm");
    var list = new DataTransfer();
    list.items.add(new File(chunks, name, {type: mime}));
    input.files = list.files;
    var seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
    status.textContent = box.getAttribute("data-ready").replace("%(length)s", clock(seconds));
    button.textContent = box.getAttribute("data-again");
    button.removeAttribute("aria-pressed");
  }

  button.addEventListener("click", function () {
    if (recorder && recorder.state === "recording") {
      recorder.stop();
      return;
    }
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      var chunks = [];
      recorder = new MediaRecorder(stream, {mimeType: type});
      recorder.addEventListener("dataavailable", function (event) {
        if (event.data && event.data.size) {
          chunks.push(event.data);
        }
      });
      recorder.addEventListener("stop", function () { stopped(stream, chunks); });
      started = Date.now();
      recorder.start();
      button.textContent = box.getAttribute("data-stop");
      button.setAttribute("aria-pressed", "true");
      status.textContent = box.getAttribute("data-recording");
    }).catch(function () {
      status.textContent = box.getAttribute("data-denied");
    });
  });
}());
