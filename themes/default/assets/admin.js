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
    var saving = false;
    var submitting = false;
    form.addEventListener('input', function () { dirty = true; unpublished = !draft; });
    form.addEventListener('change', function () { dirty = true; unpublished = !draft; });
    form.addEventListener('submit', function () { submitting = true; });
    window.addEventListener('beforeunload', function (event) {
      if (submitting || (!dirty && !unpublished)) return;
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
          } else if (result[0] === 401) {
            label.textContent = 'Signed out: your text is still here; Save to sign in again.';
            dirty = true;
          } else {
            label.textContent = 'Not saved automatically: ' + (answer.error || result[0]);
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

  // A click on the picture sets the focal point for its crops.
  function focalPoint() {
    var picture = document.querySelector('[data-focal-picture]');
    var x = document.querySelector('[data-focal-x]');
    var y = document.querySelector('[data-focal-y]');
    if (!picture || !x || !y) return;
    picture.addEventListener('click', function (event) {
      var box = picture.getBoundingClientRect();
      x.value = Math.round((event.clientX - box.left) / box.width * 1000);
      y.value = Math.round((event.clientY - box.top) / box.height * 1000);
    });
  }

  counters();
  reorder();
  suggest();
  livePreview();
  autosave();
  tagNames();
  focalPoint();
}());
