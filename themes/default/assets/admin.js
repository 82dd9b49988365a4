// The newsroom's progressive enhancement: everything here only makes a
// form that already works without JavaScript nicer to use.
(function () {
  'use strict';
  var form = document.getElementById('editor');

  // Characters as readers count them, not UTF-16 units.
  function length(text) { return Array.from(text).length; }

  function counters() {
    var box = document.querySelector('[data-quick-looks]');
    if (!box) return;
    var max = parseInt(box.getAttribute('data-max'), 10) || 200;
    box.querySelectorAll('[data-counted]').forEach(function (input) {
      var counter = input.parentNode.querySelector('.counter');
      var update = function () {
        var n = length(input.value);
        counter.textContent = n + '/' + max;
        counter.classList.toggle('over', n > max);
      };
      input.addEventListener('input', update);
      update();
    });
  }

  // Move a bullet up or down, or clear it, without a round trip.
  function reorder() {
    var list = document.querySelector('.quick-looks__list');
    if (!list) return;
    list.querySelectorAll('.quick-looks__item').forEach(function (item) {
      var input = item.querySelector('input');
      var tools = document.createElement('span');
      tools.className = 'quick-looks__tools';
      [['↑', 'Move up', -1], ['↓', 'Move down', 1], ['✕', 'Remove', 0]].forEach(function (spec) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = spec[0];
        button.setAttribute('aria-label', spec[1] + ': ' + item.querySelector('label').textContent);
        button.addEventListener('click', function () {
          var inputs = Array.from(list.querySelectorAll('input'));
          var index = inputs.indexOf(input);
          if (spec[2] === 0) {
            // Remove: later bullets move up, an empty slot at the end.
            for (var i = index; i < inputs.length - 1; i++) inputs[i].value = inputs[i + 1].value;
            inputs[inputs.length - 1].value = '';
          } else {
            var other = inputs[index + spec[2]];
            if (!other) return;
            var swap = other.value; other.value = input.value; input.value = swap;
            other.focus();
          }
          inputs.forEach(function (each) { each.dispatchEvent(new Event('input')); });
        });
        tools.appendChild(button);
      });
      item.appendChild(tools);
    });
  }

  function post(url, body, json) {
    var headers = { 'X-CSRF-Token': form.getAttribute('data-csrf') };
    if (json) headers['Content-Type'] = 'application/json';
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: headers,
                        body: json ? JSON.stringify(body) : body });
  }

  // Suggested Quick Looks from the body: each can be used or ignored.
  function suggest() {
    var box = document.querySelector('[data-suggest]');
    if (!box || !form) return;
    box.hidden = false;
    var list = box.querySelector('[data-suggestions]');
    box.querySelector('[data-suggest-button]').addEventListener('click', function () {
      list.textContent = 'Reading the body…';
      post(form.getAttribute('data-suggest-url'),
           { body: form.elements.body.value, headline: form.elements.headline.value }, true)
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          list.textContent = '';
          (answer.quick_looks || []).forEach(function (text) {
            var item = document.createElement('li');
            var span = document.createElement('span');
            span.textContent = text;
            var use = document.createElement('button');
            use.type = 'button';
            use.textContent = 'Use';
            use.addEventListener('click', function () {
              var empty = Array.from(form.querySelectorAll('[name="quick_look"]'))
                .find(function (input) { return input.value.trim() === ''; });
              if (!empty) { use.textContent = 'No empty slot'; return; }
              empty.value = text;
              empty.dispatchEvent(new Event('input'));
              item.remove();
            });
            item.appendChild(span);
            item.appendChild(use);
            list.appendChild(item);
          });
          if (!list.children.length) list.textContent = 'The body is too short to suggest from.';
        })
        .catch(function () { list.textContent = 'Suggestions are unavailable right now.'; });
    });
  }

  // The public page the form would make, refreshed as the editor types.
  function livePreview() {
    var section = document.querySelector('[data-live-preview]');
    if (!section || !form) return;
    section.hidden = false;
    var frame = section.querySelector('[data-preview-frame]');
    var timer = null;
    var refresh = function () {
      var data = new URLSearchParams(new FormData(form));
      post(form.getAttribute('data-preview-url'), data, false)
        .then(function (response) { return response.text(); })
        .then(function (html) { frame.srcdoc = html; })
        .catch(function () {});
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 800);
    });
    refresh();
  }

  // Nothing typed is lost. A draft saves itself through the Admin API a
  // few seconds after a change. An article readers can see is never
  // changed behind the editor's back: what is typed is kept as unsaved
  // changes for this editor (readers keep the published version) and
  // offered back on return. Leaving with anything not yet kept asks first.
  function autosave() {
    if (!form) return;
    var status = form.elements.current_status.value;
    var draft = !status || status === 'draft';
    var label = document.querySelector('[data-autosave]');
    var dirty = false;       // changed since the last autosave
    var unpublished = false; // a published article changed since it was loaded
    var unkept = false;      // the last autosave failed: the text is only here
    var saving = false;
    var submitting = false;
    form.addEventListener('input', function () { dirty = true; unpublished = !draft; });
    form.addEventListener('change', function () { dirty = true; unpublished = !draft; });
    form.addEventListener('submit', function () { submitting = true; });
    window.addEventListener('beforeunload', function (event) {
      if (submitting || (!dirty && !unpublished && !unkept)) return;
      event.preventDefault();
      event.returnValue = '';
    });
    var match = form.getAttribute('action').match(/\/admin\/articles\/(\d+)\//);
    var id = match ? match[1] : null;
    function fields() {
      var looks = Array.from(form.querySelectorAll('[name="quick_look"]'))
        .map(function (input) { return input.value.trim(); })
        .filter(function (text) { return text !== ''; });
      var authors = Array.from(form.querySelectorAll('[name="authors"]:checked'))
        .map(function (input) { return input.value; });
      var body = {
        headline: form.elements.headline.value, slug: form.elements.slug.value,
        standfirst: form.elements.standfirst.value, body: form.elements.body.value,
        body_format: form.elements.body_format.value, quick_looks: looks,
        section: form.elements.section.value,
        tags: form.elements.tags.value.split(',').map(function (t) { return t.trim(); })
          .filter(function (t) { return t !== ''; }),
        authors: authors, dateline: form.elements.dateline.value,
        edition: form.elements.edition.value, top_story: form.elements.top_story.checked,
        correction: form.elements.correction.value, status: 'draft'
      };
      var media = parseInt(form.elements.lead_media_id.value, 10);
      body.lead_image = media > 0 ? { media_id: media, caption: form.elements.lead_caption.value,
                                      credit: form.elements.lead_credit.value,
                                      alt: form.elements.lead_alt.value } : null;
      if (form.elements.version.value) body.version = parseInt(form.elements.version.value, 10);
      return body;
    }
    function saveDraft() {
      var url = id ? '/api/v1/admin/articles/' + id : '/api/v1/admin/articles';
      return fetch(url, { method: id ? 'PUT' : 'POST', credentials: 'same-origin',
                          headers: { 'Content-Type': 'application/json',
                                     'X-CSRF-Token': form.getAttribute('data-csrf') },
                          body: JSON.stringify(fields()) })
        .then(function (response) {
          return response.json().then(function (answer) { return [response.status, answer]; });
        })
        .then(function (result) {
          var answer = result[1];
          if (result[0] === 200 || result[0] === 201) {
            form.elements.version.value = answer.version;
            if (!id) {
              id = String(answer.id);
              form.setAttribute('action', '/admin/articles/' + id + '/');
              form.setAttribute('data-preview-url', '/admin/articles/' + id + '/preview');
              history.replaceState(null, '', '/admin/articles/' + id + '/');
            }
            label.textContent = 'Draft saved ' + new Date().toLocaleTimeString();
            unkept = false;
          } else if (result[0] === 401) {
            label.textContent = 'Signed out: your text is still here; Save to sign in again.';
            dirty = true;
          } else {
            // A colleague's save (409) or a refusal: tried again after the
            // next change, and leaving the page still asks first.
            label.textContent = 'Not saved automatically: ' + (answer.error || result[0]) +
              '. Save to keep your text.';
            unkept = true;
          }
        });
    }
    function keepChanges() {
      var data = new URLSearchParams(new FormData(form));
      return fetch('/admin/articles/' + id + '/autosave',
                   { method: 'POST', credentials: 'same-origin', body: data,
                     headers: { 'X-CSRF-Token': form.getAttribute('data-csrf') } })
        .then(function (response) {
          if (response.status === 204) {
            label.textContent = 'Changes kept ' + new Date().toLocaleTimeString() +
              ', not yet published: Save to publish them.';
            unkept = false;
          } else {
            label.textContent = 'Your changes are not kept yet (' + response.status + '): Save to keep them.';
            dirty = true;
          }
        });
    }
    setInterval(function () {
      if (!dirty || saving || submitting) return;
      if (draft && form.elements.headline.value.trim() === '') return;
      if (!draft && !id) return;
      saving = true;
      dirty = false;
      (draft ? saveDraft() : keepChanges())
        .catch(function () { label.textContent = 'Offline: not saved yet.'; dirty = true; })
        .finally(function () { saving = false; });
    }, 5000);
  }

  // Tags the site already has, offered as the editor types.
  function tagNames() {
    var list = document.querySelector('[data-known-tags]');
    if (!list) return;
    fetch('/api/v1/admin/tags', { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        (answer.tags || []).forEach(function (name) {
          var option = document.createElement('option');
          option.value = name;
          list.appendChild(option);
        });
      })
      .catch(function () {});
  }

  // A click on the picture sets the focal point for its crops; a marker
  // shows where it is (placed through the CSSOM: the policy allows no
  // style attribute).
  function focalPoint() {
    var picture = document.querySelector('[data-focal-picture]');
    var x = document.querySelector('[data-focal-x]');
    var y = document.querySelector('[data-focal-y]');
    if (!picture || !x || !y) return;
    var frame = picture.parentNode;
    var marker = document.createElement('span');
    marker.className = 'focal__marker';
    marker.setAttribute('aria-hidden', 'true');
    frame.classList.add('focal');
    frame.appendChild(marker);
    var hint = document.querySelector('[data-focal-hint]');
    if (hint) hint.hidden = false;
    function place() {
      var across = parseInt(x.value, 10), down = parseInt(y.value, 10);
      var set = across >= 0 && across <= 1000 && down >= 0 && down <= 1000;
      marker.hidden = !set;
      if (!set) return;
      marker.style.left = (across / 10) + '%';
      marker.style.top = (down / 10) + '%';
    }
    picture.addEventListener('click', function (event) {
      var box = picture.getBoundingClientRect();
      x.value = Math.round((event.clientX - box.left) / box.width * 1000);
      y.value = Math.round((event.clientY - box.top) / box.height * 1000);
      place();
    });
    x.addEventListener('input', place);
    y.addEventListener('input', place);
    place();
  }

  // The lead image: chosen from the library (searched, as thumbnails) or
  // uploaded there and then (a file chosen or dropped, with its progress),
  // and shown at once. Without JavaScript the image number field does it.
  function leadPicker() {
    var panel = document.querySelector('[data-lead-panel]');
    var dialog = document.querySelector('[data-picker]');
    if (!panel || !dialog || !form || typeof dialog.showModal !== 'function') return;
    var maxBytes = 20 * 1024 * 1024;
    var idInput = form.elements.lead_media_id;
    var preview = panel.querySelector('[data-lead-preview]');
    var openButton = panel.querySelector('[data-lead-open]');
    var clear = panel.querySelector('[data-lead-clear]');
    var grid = dialog.querySelector('[data-picker-grid]');
    var status = dialog.querySelector('[data-picker-status]');
    var more = dialog.querySelector('[data-picker-more]');
    var search = dialog.querySelector('[data-picker-q]');
    var fileInput = dialog.querySelector('[data-picker-file]');
    var drop = dialog.querySelector('[data-picker-drop]');
    var progress = dialog.querySelector('[data-picker-progress]');
    var page = 1, total = 0, timer = null;
    panel.querySelector('[data-lead-tools]').hidden = false;

    function variant(item, index) {
      var variants = item.variants || [];
      var chosen = variants[Math.min(index, variants.length - 1)];
      return chosen ? chosen.jpeg : item.url;
    }
    function changed() { idInput.dispatchEvent(new Event('input', { bubbles: true })); }
    function choose(item) {
      idInput.value = item.id;
      preview.textContent = '';
      var img = document.createElement('img');
      img.className = 'lead-thumb';
      img.src = variant(item, 1);
      img.alt = 'The image chosen: ' + (item.alt || item.caption || 'image ' + item.id);
      preview.appendChild(img);
      [['lead_caption', 'caption'], ['lead_credit', 'credit'], ['lead_alt', 'alt']].forEach(function (pair) {
        var field = form.elements[pair[0]];
        if (field && !field.value.trim() && item[pair[1]]) field.value = item[pair[1]];
      });
      clear.hidden = false;
      openButton.textContent = 'Change the picture…';
      changed();
    }
    function tile(item) {
      var li = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'picker__item';
      var img = document.createElement('img');
      img.src = variant(item, 0);
      img.alt = '';
      img.loading = 'lazy';
      var label = document.createElement('span');
      label.textContent = '#' + item.id + ' ' + (item.caption || item.alt || '');
      button.setAttribute('aria-label', 'Use image ' + item.id + ': ' + (item.alt || item.caption || 'no description'));
      button.appendChild(img);
      button.appendChild(label);
      button.addEventListener('click', function () { choose(item); dialog.close(); });
      li.appendChild(button);
      return li;
    }
    function load(reset) {
      if (reset) page = 1;
      status.textContent = 'Looking…';
      fetch('/api/v1/admin/media?q=' + encodeURIComponent(search.value.trim()) + '&page=' + page,
            { credentials: 'same-origin' })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (reset) grid.textContent = '';
          total = answer.total || 0;
          (answer.media || []).forEach(function (item) { grid.appendChild(tile(item)); });
          status.textContent = total === 0 ? 'No pictures match.'
            : total + (total === 1 ? ' picture' : ' pictures');
          more.hidden = grid.children.length >= total;
        })
        .catch(function () { status.textContent = 'The library cannot be read right now.'; });
    }
    function upload(file) {
      if (!file) return;
      if (file.size > maxBytes) {
        status.textContent = file.name + ' is ' + (file.size / 1048576).toFixed(1) +
          ' MiB; the most is 20 MiB.';
        return;
      }
      var data = new FormData();
      data.append('file', file);
      ['caption', 'credit', 'alt'].forEach(function (name) {
        var field = form.elements['lead_' + name];
        if (field && field.value.trim()) data.append(name, field.value.trim());
      });
      var request = new XMLHttpRequest();
      request.open('POST', '/api/v1/admin/media');
      request.setRequestHeader('X-CSRF-Token', form.getAttribute('data-csrf'));
      var bar = progress.querySelector('progress');
      bar.value = 0;
      progress.hidden = false;
      status.textContent = 'Uploading ' + file.name + '…';
      request.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) bar.value = Math.round(event.loaded / event.total * 100);
      });
      request.addEventListener('load', function () {
        progress.hidden = true;
        var answer = {};
        try { answer = JSON.parse(request.responseText); } catch (e) { answer = { error: request.responseText.trim() }; }
        if (request.status === 201) {
          status.textContent = 'Uploaded.';
          choose(answer);
          dialog.close();
        } else {
          status.textContent = 'Not uploaded: ' + (answer.error || 'the server answered ' + request.status);
        }
        if (fileInput) fileInput.value = '';
      });
      request.addEventListener('error', function () {
        progress.hidden = true;
        status.textContent = 'Not uploaded: the connection failed. Try again.';
      });
      request.send(data);
    }

    openButton.addEventListener('click', function () {
      dialog.showModal();
      if (!grid.children.length) load(true);
      search.focus();
    });
    dialog.querySelector('[data-picker-close]').addEventListener('click', function () { dialog.close(); });
    clear.addEventListener('click', function () {
      idInput.value = '';
      preview.textContent = '';
      clear.hidden = true;
      openButton.textContent = 'Choose or upload a picture…';
      changed();
    });
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(true); }, 300);
    });
    more.addEventListener('click', function () { page += 1; load(false); });
    if (fileInput) fileInput.addEventListener('change', function () { upload(fileInput.files[0]); });
    if (drop) {
      // A photo dropped on the panel or in the dialog is uploaded.
      [drop, panel].forEach(function (zone) {
        zone.addEventListener('dragover', function (event) {
          event.preventDefault();
          drop.classList.add('is-over');
        });
        zone.addEventListener('dragleave', function () { drop.classList.remove('is-over'); });
        zone.addEventListener('drop', function (event) {
          event.preventDefault();
          drop.classList.remove('is-over');
          if (!dialog.open) dialog.showModal();
          upload(event.dataTransfer.files[0]);
        });
      });
    }
  }

  counters();
  reorder();
  suggest();
  livePreview();
  autosave();
  tagNames();
  focalPoint();
  leadPicker();
}());
