// RadGestMat — small enhancements; every page works without this script.
'use strict';

// Ask before a destructive form is sent: <form data-confirm="…">.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const message = form.dataset && form.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// "Select all" for bulk actions: <input type=checkbox data-select-all="name">.
document.querySelectorAll('[data-select-all]').forEach((all) => {
  all.addEventListener('change', () => {
    document.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]`)
      .forEach((box) => { box.checked = all.checked; });
  });
});

// Filters apply as soon as a select changes: <form data-autosubmit>.
document.querySelectorAll('form[data-autosubmit] select').forEach((select) => {
  select.addEventListener('change', () => select.form.requestSubmit());
});

// Employee search as you type: <input data-people="/desk/people" data-target="id of the list">.
// The server renders the list (the page's own fragment): one rule for what is shown and chosen.
document.querySelectorAll('input[data-people]').forEach((input) => {
  let timer = null;
  let last = '';
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      const url = `${input.dataset.people}?q=${encodeURIComponent(q)}`;
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) return;
      const fragment = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('people');
      const list = document.getElementById(input.dataset.target);
      if (fragment && list) list.replaceWith(fragment);
    }, 200);
  });
});

// Camera scanning: <button data-scan="id of input" data-video="id of box" data-polyfill="…js"
// data-wasm="…wasm">. The browser's BarcodeDetector where it has one, else the vendored decoder
// (ZXing in WebAssembly, served by the application), loaded only when a page offers scanning.
function barcodeDetector(button) {
  if ('BarcodeDetector' in window) return Promise.resolve(window.BarcodeDetector);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = button.dataset.polyfill;
    script.onload = () => {
      const wasm = button.dataset.wasm;
      window.BarcodeDetectionAPI.setZXingModuleOverrides({ locateFile: (path, prefix) => (path.endsWith('.wasm') ? wasm : prefix + path) });
      resolve(window.BarcodeDetector);
    };
    script.onerror = reject;
    document.head.append(script);
  });
}

document.querySelectorAll('button[data-scan]').forEach((button) => {
  if (!navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.scan);
    const box = document.getElementById(button.dataset.video);
    const video = box.querySelector('video');
    const Detector = await barcodeDetector(button);
    const detector = new Detector();
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch {
      return;
    }
    box.hidden = false;
    video.srcObject = stream;
    await video.play();
    const stop = () => { stream.getTracks().forEach((t) => t.stop()); box.hidden = true; };
    const look = async () => {
      if (box.hidden) return;
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length > 0) {
        input.value = codes[0].rawValue;
        stop();
        input.form.requestSubmit();
        return;
      }
      requestAnimationFrame(look);
    };
    look();
    box.querySelector('button').addEventListener('click', stop, { once: true });
  });
});

// For the browser walk: the decoder this page would use, ready (`await window.radgestmatDetector`).
const scanButton = document.querySelector('button[data-scan]');
if (scanButton) window.radgestmatDetector = () => barcodeDetector(scanButton);

// A location picker narrowed to the chosen site: <select data-site-select="id of the site select">.
// Choosing a location chooses its site (the server applies the same rule).
document.querySelectorAll('select[data-site-select]').forEach((locations) => {
  const site = document.getElementById(locations.dataset.siteSelect);
  if (!site) return;
  const narrow = () => {
    locations.querySelectorAll('optgroup').forEach((group) => {
      group.hidden = site.value !== '' && group.dataset.site !== site.value;
    });
    const chosen = locations.selectedOptions[0];
    if (chosen && chosen.dataset.site && site.value !== '' && chosen.dataset.site !== site.value) locations.value = '';
  };
  site.addEventListener('change', narrow);
  locations.addEventListener('change', () => {
    const chosen = locations.selectedOptions[0];
    if (chosen && chosen.dataset.site) site.value = chosen.dataset.site;
  });
  narrow();
});

// On a phone, the filters above a list start folded unless the address sets one: the list first.
if (window.matchMedia('(max-width: 700px)').matches) {
  const filtered = new URLSearchParams(window.location.search);
  ['cursor', 'done', 'n', 'failed'].forEach((key) => filtered.delete(key));
  if ([...filtered.values()].every((value) => value === '')) {
    document.querySelectorAll('details.filters-box').forEach((box) => { box.open = false; });
  }
}

// The custom fields of the chosen model's category only: <fieldset data-category> beside the
// model select whose options carry data-category (the others are hidden and not sent).
(() => {
  const model = document.querySelector('select#model_id');
  const groups = document.querySelectorAll('fieldset.custom-fields[data-category]');
  if (!model || groups.length === 0) return;
  const show = () => {
    const category = model.selectedOptions[0]?.dataset.category;
    groups.forEach((group) => {
      const mine = group.dataset.category === category;
      group.hidden = !mine;
      group.disabled = !mine;
    });
  };
  model.addEventListener('change', show);
  show();
})();
