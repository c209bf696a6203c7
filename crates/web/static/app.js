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

// Employee search as you type: <input data-people="/api/v1/employees" data-target="id of list">.
document.querySelectorAll('input[data-people]').forEach((input) => {
  const list = document.getElementById(input.dataset.target);
  let timer = null;
  let last = '';
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      const url = `${input.dataset.people}?active=true&limit=8&q=${encodeURIComponent(q)}`;
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const page = await response.json();
      list.replaceChildren(...page.items.map((person, i) => {
        const label = document.createElement('label');
        const radio = document.createElement('input');
        radio.type = 'radio'; radio.name = 'employee_id'; radio.value = person.id; radio.required = true;
        if (i === 0) radio.checked = true;
        const text = document.createElement('span');
        text.textContent = `${person.last_name} ${person.first_name} — ${person.matricule}`;
        label.append(radio, text);
        return label;
      }));
      if (page.items.length === 0) {
        const none = document.createElement('p');
        none.className = 'empty';
        none.textContent = list.dataset.empty || '';
        list.replaceChildren(none);
      }
    }, 200);
  });
});

// Camera scanning where the browser has BarcodeDetector: <button data-scan="id of input">.
document.querySelectorAll('button[data-scan]').forEach((button) => {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.scan);
    const box = document.getElementById(button.dataset.video);
    const video = box.querySelector('video');
    const detector = new window.BarcodeDetector();
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    } catch (e) { return; }
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
