// Dekat portal: only enhancements. Every page works without this file (plain forms and links).
"use strict";

function locate(onFound, onFailed) {
  if (!("geolocation" in navigator)) return onFailed();
  navigator.geolocation.getCurrentPosition(
    (p) => onFound(p.coords.latitude.toFixed(6), p.coords.longitude.toFixed(6), Math.round(p.coords.accuracy)),
    onFailed, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
}

function enhanceLocation(form) {
  const box = form.querySelector("[data-geo-box]");
  if (!box || !("geolocation" in navigator)) return;
  box.hidden = false;
  const status = box.querySelector("[data-geo-status]");
  box.querySelector("[data-geo-button]").addEventListener("click", () => locate((lat, long, accuracy) => {
    form.querySelector("[data-geo=lat]").value = lat;
    form.querySelector("[data-geo=long]").value = long;
    status.textContent = `${status.dataset.found}: ${lat}, ${long} (±${accuracy} m)`;
  }, () => { status.textContent = status.dataset.failed; }));
}

function enhanceNearestCounters(form) {
  form.hidden = false;
  form.querySelector("[data-near-button]").addEventListener("click", () => locate((lat, long) => {
    form.elements.lat.value = lat;
    form.elements.long.value = long;
    form.submit();
  }, () => {}));
}

function enhancePhotos(input) {
  const preview = input.parentElement.querySelector("[data-preview]");
  input.addEventListener("change", () => {
    const files = Array.from(input.files);
    const max = Number(input.dataset.maxBytes);
    let problem = "";
    if (files.length > Number(input.dataset.maxFiles)) problem = input.dataset.tooMany;
    else if (files.some((f) => f.size > max)) problem = input.dataset.tooLarge;
    input.setCustomValidity(problem);
    if (problem) input.reportValidity();
    preview.replaceChildren(...files.slice(0, 3).map((f) => {
      const img = document.createElement("img");
      img.src = URL.createObjectURL(f);
      img.alt = f.name;
      return img;
    }));
  });
}

function enhanceCharsLeft(hint) {
  const field = document.getElementById(hint.dataset.charsFor);
  const show = () => { hint.textContent = `${field.maxLength - field.value.length} ${hint.dataset.words}`; };
  field.addEventListener("input", show);
  show();
}

function enhancePrivacy(form) {
  const contact = form.querySelector("[data-contact]");
  if (!contact) return;
  const note = contact.querySelector("[data-anonymous-note]");
  const update = () => {
    const anonymous = form.querySelector("input[name=privacy]:checked")?.value === "anonymous";
    note.hidden = !anonymous;
    for (const input of contact.querySelectorAll("input")) input.disabled = anonymous;
  };
  for (const radio of form.querySelectorAll("input[name=privacy]")) radio.addEventListener("change", update);
  update();
}

document.querySelectorAll("form").forEach(enhanceLocation);
document.querySelectorAll("form[data-near]").forEach(enhanceNearestCounters);
document.querySelectorAll("input[type=file][data-max-files]").forEach(enhancePhotos);
document.querySelectorAll("[data-chars-for]").forEach(enhanceCharsLeft);
document.querySelectorAll("form[enctype='multipart/form-data']").forEach(enhancePrivacy);
const problems = document.getElementById("problems");
if (problems) problems.focus();
