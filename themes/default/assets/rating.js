// Progressive enhancement for the rating block: votes and feedback go by
// fetch and the figures update in place. Without this script the same
// forms post and redirect back, so nothing depends on it.
(() => {
  'use strict';

  const setText = (element, text) => { if (element) element.textContent = text; };

  function setup(block) {
    const form = block.querySelector('.rating__form');
    const stars = Array.from(block.querySelectorAll('.rating__star'));
    const summary = block.querySelector('[data-rating-summary]');
    const empty = block.querySelector('[data-rating-empty]');
    const message = block.querySelector('[data-rating-message]');
    const feedback = block.querySelector('[data-rating-feedback]');

    const show = (figures) => {
      setText(block.querySelector('[data-rating-average]'), Number(figures.average).toFixed(1));
      setText(block.querySelector('[data-rating-count]'), String(figures.count));
      if (summary) summary.hidden = false;
      if (empty) empty.hidden = true;
      const filled = Math.round(figures.average);
      stars.forEach((star) => star.classList.toggle('is-filled', Number(star.value) <= filled));
    };

    const post = (url, body) => fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });

    form.addEventListener('submit', async (event) => {
      const button = event.submitter;
      if (!button || !button.value) return;
      event.preventDefault();
      const value = Number(button.value);
      stars.forEach((star) => { star.disabled = true; });
      try {
        const response = await post(block.dataset.api, { stars: value });
        const data = await response.json().catch(() => ({}));
        if (response.status === 201) {
          show(data);
          setText(message, block.dataset.thanks);
          if (value <= 2 && feedback) feedback.hidden = false;
        } else if (response.status === 409) {
          if ('average' in data) show(data);
          setText(message, block.dataset.alreadyVoted);
        } else if (response.status === 429) {
          setText(message, block.dataset.rateLimited);
        } else {
          setText(message, data.error || 'Sorry, your vote could not be recorded.');
        }
      } catch (error) {
        // The network failed: fall back to the plain form.
        const field = document.createElement('input');
        field.type = 'hidden';
        field.name = 'stars';
        field.value = String(value);
        form.appendChild(field);
        form.submit();
        return;
      } finally {
        stars.forEach((star) => { star.disabled = false; });
      }
    });

    if (feedback) {
      feedback.addEventListener('submit', async (event) => {
        event.preventDefault();
        const text = feedback.querySelector('textarea').value;
        try {
          const response = await post(block.dataset.feedbackApi, { feedback: text });
          const data = await response.json().catch(() => ({}));
          if (response.status === 201) {
            feedback.hidden = true;
            setText(message, block.dataset.feedbackThanks);
          } else {
            setText(message, data.error || 'Sorry, your feedback could not be saved.');
          }
        } catch (error) {
          feedback.submit();
        }
      });
    }
  }

  document.querySelectorAll('.rating[data-api]').forEach(setup);
})();
