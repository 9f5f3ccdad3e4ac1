/* Progressive enhancement: where the browser has a barcode detector, read the QR with the camera. */
(function () {
  var button = document.getElementById("scan");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("code");
  var video = document.getElementById("camera");
  var problem = document.getElementById("scan-error");
  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") !== -1) button.hidden = false;
  }, function () {});
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({formats: ["qr_code"]});
    navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      button.hidden = true;
      return video.play().then(function () {
        function look() {
          detector.detect(video).then(function (codes) {
            if (codes.length) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              input.value = codes[0].rawValue;
              form.submit();
            } else {
              window.requestAnimationFrame(look);
            }
          }, function () { window.requestAnimationFrame(look); });
        }
        look();
      });
    }).catch(function () {
      problem.textContent = problem.dataset.cameraError;
      problem.hidden = false;
    });
  });
})();
