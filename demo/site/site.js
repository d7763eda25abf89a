// Demo host page behaviour: the «Версия для слабовидящих» switch.
// It restyles this page and tells the widget to follow, through its public API.
(() => {
  const STORAGE_KEY = 'demo-site:contrast';
  const root = document.documentElement;
  const button = document.querySelector('[data-contrast-toggle]');

  const stored = () => {
    try {
      return localStorage.getItem(STORAGE_KEY) === '1';
    } catch {
      return false;
    }
  };

  const configureWidget = (contrast) => {
    if (window.GovSupport && typeof window.GovSupport.configure === 'function') {
      window.GovSupport.configure({ theme: { contrast } });
      return true;
    }
    return false;
  };

  const apply = (contrast) => {
    root.classList.toggle('site--contrast', contrast);
    if (button) button.setAttribute('aria-pressed', String(contrast));
    return configureWidget(contrast);
  };

  // A visitor who chose the low-vision version keeps it on every page. The widget script comes
  // first and is deferred too, so it is normally there already; if not, catch up on load.
  if (stored()) {
    if (!apply(true)) {
      window.addEventListener('load', () => configureWidget(root.classList.contains('site--contrast')), { once: true });
    }
  } else if (button) {
    button.setAttribute('aria-pressed', 'false');
  }

  if (button) {
    button.addEventListener('click', () => {
      const contrast = !root.classList.contains('site--contrast');
      try {
        localStorage.setItem(STORAGE_KEY, contrast ? '1' : '0');
      } catch {
        // Private mode: the choice lasts until the page is left.
      }
      apply(contrast);
    });
  }
})();
