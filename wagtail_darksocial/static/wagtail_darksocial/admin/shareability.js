/* wagtail-darksocial: refresh the editor's Shareability section after an autosave or a
 * preview refresh, and take the editor to the field a fix names. Admin only; a Stimulus
 * controller registered on Wagtail's app. */
(() => {
  'use strict';

  /** Wagtail shows a tab on a later frame, and a hidden field cannot take focus: wait
   * (up to the deadline) until the section is laid out, then scroll to it and focus. */
  const focusWhenShown = (section, deadline) => {
    if (!section.getClientRects().length && performance.now() < deadline) {
      requestAnimationFrame(() => focusWhenShown(section, deadline));
      return;
    }
    section.scrollIntoView({ block: 'center' });
    const field =
      section.querySelector('input:not([type="hidden"]), textarea, select, [contenteditable="true"]') ??
      section.querySelector('.w-field button');
    field?.focus();
  };

  const register = () => {
    const { wagtail, StimulusModule } = window;
    if (!wagtail?.app || !StimulusModule) return;

    class ShareabilityController extends StimulusModule.Controller {
      static values = { url: String, delay: { type: Number, default: 400 } };

      /** Debounced: autosaves and preview reloads come in bursts while typing. */
      refresh() {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.load(), this.delayValue);
      }

      async load() {
        this.controller?.abort();
        this.controller = new AbortController();
        this.element.setAttribute('aria-busy', 'true');
        try {
          const response = await fetch(this.urlValue, {
            credentials: 'same-origin',
            headers: { Accept: 'text/html', 'X-Requested-With': 'XMLHttpRequest' },
            signal: this.controller.signal,
          });
          if (response.ok) this.element.innerHTML = await response.text();
        } catch (error) {
          if (error.name !== 'AbortError') throw error;
        } finally {
          this.element.removeAttribute('aria-busy');
        }
      }

      /** A fix's field link: open its tab, then scroll to the field and focus it. */
      goTo(event) {
        const link = event.currentTarget;
        const section = document.querySelector(link.getAttribute('href'));
        if (!section) return;
        event.preventDefault();
        document.getElementById(`tab-label-${link.dataset.darksocialTab}`)?.click();
        focusWhenShown(section, performance.now() + 2000);
      }

      disconnect() {
        clearTimeout(this.timer);
        this.controller?.abort();
      }
    }

    wagtail.app.register('darksocial-shareability', ShareabilityController);
  };

  if (window.wagtail?.app) register();
  else document.addEventListener('DOMContentLoaded', register, { once: true });
})();
