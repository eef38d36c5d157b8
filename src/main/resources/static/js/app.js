// BugBridge pages: small progressive enhancements on top of server-rendered HTML. Everything here
// also works without it (forms post, links navigate); the Content-Security-Policy allows only
// script files from this origin, so no page carries inline script or on* handlers.
(function () {
  'use strict';

  var IMAGE_SIGNATURES = [
    { type: 'PNG', bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] },
    { type: 'JPEG', bytes: [0xFF, 0xD8, 0xFF] },
    { type: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] }
  ];

  function ready(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  // --- CSRF: htmx requests carry the session's token in the header Spring Security reads. ---
  document.addEventListener('htmx:configRequest', function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token && event.detail.verb !== 'get') {
      event.detail.headers[header.content] = token.content;
    }
  });

  // --- Dates: rendered in UTC by the server, shown in the reader's time zone. ---
  function localiseTimes(root) {
    var thisYear = new Date().getFullYear();
    var format;
    var formatWithYear;
    try {
      format = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
      formatWithYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    } catch (e) {
      return;
    }
    root.querySelectorAll('time[data-local]').forEach(function (time) {
      var date = new Date(time.getAttribute('datetime'));
      if (!isNaN(date.getTime())) {
        time.title = time.textContent;
        time.textContent = (date.getFullYear() === thisYear ? format : formatWithYear).format(date);
        time.removeAttribute('data-local');
      }
    });
  }

  // --- Inline validation of required fields before a round trip (the server checks again). ---
  function fieldError(field) {
    var describedBy = (field.getAttribute('aria-describedby') || '').split(/\s+/);
    for (var i = 0; i < describedBy.length; i++) {
      var element = document.getElementById(describedBy[i]);
      if (element && element.classList.contains('error')) {
        return element;
      }
    }
    return null;
  }

  function validate(form) {
    var firstInvalid = null;
    form.querySelectorAll('[required]').forEach(function (field) {
      if (field.type === 'radio' || field.disabled) {
        return;
      }
      var error = fieldError(field);
      var empty = !field.value || !field.value.trim();
      var container = field.closest('.field');
      if (empty) {
        field.setAttribute('aria-invalid', 'true');
        if (error) {
          error.textContent = field.getAttribute('data-required-message') || 'This field is required.';
        }
        if (container) {
          container.classList.add('has-error');
        }
        firstInvalid = firstInvalid || field;
      } else if (field.getAttribute('aria-invalid') === 'true' && error && !form.querySelector('.error-summary')) {
        field.removeAttribute('aria-invalid');
        error.textContent = '';
        if (container) {
          container.classList.remove('has-error');
        }
      }
    });
    form.querySelectorAll('[data-upload-error]').forEach(function (error) {
      if (error.getAttribute('data-client-error') === 'true') {
        firstInvalid = firstInvalid || error.closest('.upload').querySelector('input[type=file]');
      }
    });
    if (firstInvalid) {
      firstInvalid.focus();
      return false;
    }
    return true;
  }

  // A field that was reported empty is fine again as soon as something is typed into it.
  document.addEventListener('input', function (event) {
    var field = event.target;
    if (field.getAttribute && field.getAttribute('aria-invalid') === 'true' && field.hasAttribute('required')
        && field.value && field.value.trim()) {
      field.removeAttribute('aria-invalid');
      var error = fieldError(field);
      if (error) {
        error.textContent = '';
      }
      var container = field.closest('.field');
      if (container) {
        container.classList.remove('has-error');
      }
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.hasAttribute('data-validate') && !validate(form)) {
      event.preventDefault();
      return;
    }
    var message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
      return;
    }
    if (!form.hasAttribute('hx-post') && !form.hasAttribute('hx-get')) {
      // A second click must not file the same ticket twice.
      form.querySelectorAll('button[type=submit]').forEach(function (button) {
        button.setAttribute('aria-disabled', 'true');
        button.classList.add('busy');
      });
      if (form.getAttribute('data-submitted') === 'true') {
        event.preventDefault();
      }
      form.setAttribute('data-submitted', 'true');
    }
  });

  // --- Progress on htmx forms: the button says it is working until the answer is in. ---
  document.addEventListener('htmx:beforeRequest', function (event) {
    var form = event.detail.elt;
    if (!form || form.tagName !== 'FORM') {
      return;
    }
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.classList.add('busy');
      button.setAttribute('aria-disabled', 'true');
      var busyText = button.getAttribute('data-busy-text');
      if (busyText) {
        button.setAttribute('data-idle-text', button.textContent);
        button.textContent = busyText;
      }
    });
  });

  document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail.elt;
    if (!form || form.tagName !== 'FORM' || !form.isConnected) {
      return;
    }
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.classList.remove('busy');
      button.removeAttribute('aria-disabled');
      var idleText = button.getAttribute('data-idle-text');
      if (idleText) {
        button.textContent = idleText;
        button.removeAttribute('data-idle-text');
      }
    });
  });

  // --- Environment, filled in from what the browser says about itself (editable). ---
  function describeEnvironment() {
    var ua = navigator.userAgent;
    var browser = 'Unknown browser';
    var match;
    if ((match = ua.match(/Edg\/(\d+)/))) {
      browser = 'Edge ' + match[1];
    } else if ((match = ua.match(/OPR\/(\d+)/))) {
      browser = 'Opera ' + match[1];
    } else if ((match = ua.match(/Firefox\/(\d+)/))) {
      browser = 'Firefox ' + match[1];
    } else if ((match = ua.match(/(?:Chrome|Chromium|CriOS)\/(\d+)/))) {
      browser = (ua.indexOf('HeadlessChrome') >= 0 ? 'Headless Chrome ' : 'Chrome ') + match[1];
    } else if ((match = ua.match(/Version\/(\d+).*Safari/))) {
      browser = 'Safari ' + match[1];
    }
    var os = 'unknown OS';
    if (/Windows NT 10/.test(ua)) {
      os = 'Windows 10/11';
    } else if (/Windows/.test(ua)) {
      os = 'Windows';
    } else if (/iPhone|iPad|iPod/.test(ua)) {
      os = 'iOS';
    } else if (/Mac OS X/.test(ua)) {
      os = 'macOS';
    } else if (/Android/.test(ua)) {
      os = 'Android';
    } else if (/CrOS/.test(ua)) {
      os = 'ChromeOS';
    } else if (/Linux/.test(ua)) {
      os = 'Linux';
    }
    var parts = [browser + ', ' + os];
    if (window.screen && screen.width) {
      parts.push('screen ' + screen.width + '×' + screen.height);
    }
    parts.push('window ' + window.innerWidth + '×' + window.innerHeight);
    if (navigator.language) {
      parts.push(navigator.language);
    }
    try {
      parts.push(Intl.DateTimeFormat().resolvedOptions().timeZone);
    } catch (e) {
      // No time zone to report.
    }
    return parts.join(', ');
  }

  function fillEnvironment(root) {
    root.querySelectorAll('[data-autofill-environment]').forEach(function (field) {
      if (!field.value) {
        field.value = describeEnvironment();
      }
    });
  }

  // --- Screenshot upload: drag and drop, previews, and the server's rules checked early. ---
  function sniff(file) {
    return file.slice(0, 12).arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      for (var i = 0; i < IMAGE_SIGNATURES.length; i++) {
        var signature = IMAGE_SIGNATURES[i].bytes;
        var matches = bytes.length >= signature.length;
        for (var j = 0; matches && j < signature.length; j++) {
          matches = bytes[j] === signature[j];
        }
        if (matches) {
          return IMAGE_SIGNATURES[i].type;
        }
      }
      var text = String.fromCharCode.apply(null, bytes);
      if (text.indexOf('RIFF') === 0 && text.substring(8, 12) === 'WEBP') {
        return 'WebP';
      }
      return null;
    });
  }

  function formatSize(bytes) {
    if (bytes >= 1024 * 1024) {
      return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
    }
    return Math.ceil(bytes / 1024) + ' KB';
  }

  function setupUpload(upload) {
    if (upload.getAttribute('data-ready')) {
      return;
    }
    upload.setAttribute('data-ready', 'true');
    var input = upload.querySelector('input[type=file]');
    var zone = upload.querySelector('[data-dropzone]');
    var previews = upload.querySelector('[data-previews]');
    var error = upload.querySelector('[data-upload-error]');
    var maxSize = parseInt(upload.getAttribute('data-max-size'), 10);
    var maxFiles = parseInt(upload.getAttribute('data-max-files'), 10);
    var urls = [];

    function showError(message) {
      error.textContent = message || '';
      error.setAttribute('data-client-error', message ? 'true' : 'false');
      if (message) {
        input.setAttribute('aria-invalid', 'true');
        upload.classList.add('has-error');
      } else {
        input.removeAttribute('aria-invalid');
        upload.classList.remove('has-error');
      }
    }

    function setFiles(files) {
      try {
        var transfer = new DataTransfer();
        files.forEach(function (file) {
          transfer.items.add(file);
        });
        input.files = transfer.files;
      } catch (e) {
        // Older browsers cannot set files; the picker still works.
      }
      render();
    }

    function render() {
      urls.forEach(function (url) {
        URL.revokeObjectURL(url);
      });
      urls = [];
      previews.innerHTML = '';
      var files = Array.prototype.slice.call(input.files || []);
      if (files.length > maxFiles) {
        showError('Choose at most ' + maxFiles + ' screenshots.');
      } else {
        showError('');
      }
      files.forEach(function (file, index) {
        var item = document.createElement('li');
        item.className = 'preview';
        var name = document.createElement('span');
        name.className = 'file-name';
        name.textContent = file.name + ' (' + formatSize(file.size) + ')';
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button small subtle';
        remove.textContent = 'Remove';
        remove.setAttribute('aria-label', 'Remove ' + file.name);
        remove.addEventListener('click', function () {
          var rest = Array.prototype.slice.call(input.files).filter(function (f, i) {
            return i !== index;
          });
          setFiles(rest);
          input.focus();
        });
        sniff(file).then(function (type) {
          var problem = null;
          if (!type) {
            problem = file.name + ' is not a PNG, JPEG, GIF or WebP image.';
          } else if (file.size > maxSize) {
            problem = file.name + ' is ' + formatSize(file.size) + '; the limit is ' + formatSize(maxSize) + '.';
          }
          if (problem) {
            item.classList.add('rejected');
            var why = document.createElement('span');
            why.className = 'reason';
            why.textContent = problem;
            item.appendChild(why);
            showError(problem + ' Remove it to continue.');
          } else {
            var image = document.createElement('img');
            var url = URL.createObjectURL(file);
            urls.push(url);
            image.src = url;
            image.alt = 'Preview of ' + file.name;
            item.insertBefore(image, item.firstChild);
          }
        });
        item.appendChild(name);
        item.appendChild(remove);
        previews.appendChild(item);
      });
    }

    input.addEventListener('change', render);
    ['dragenter', 'dragover'].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.remove('dragging');
      });
    });
    zone.addEventListener('drop', function (event) {
      var dropped = Array.prototype.slice.call(event.dataTransfer.files || []);
      var existing = Array.prototype.slice.call(input.files || []);
      setFiles(existing.concat(dropped));
    });
  }

  // --- The dashboard's modal: a native <dialog> (focus stays inside, Escape closes). ---
  var opener = null;

  function dialog() {
    return document.getElementById('modal');
  }

  document.addEventListener('click', function (event) {
    var trigger = event.target.closest('[data-opens-modal]');
    if (trigger) {
      var row = trigger.closest('[data-key]');
      opener = { key: row ? row.getAttribute('data-key') : null, label: trigger.textContent.trim() };
    }
    if (event.target.closest('[data-close-dialog]')) {
      var modal = dialog();
      if (modal) {
        modal.close();
      }
    }
    var disabled = event.target.closest('[aria-disabled="true"]');
    if (disabled && disabled.tagName === 'BUTTON') {
      event.preventDefault();
    }
  });

  document.addEventListener('close', function (event) {
    if (event.target.id !== 'modal') {
      return;
    }
    // Emptying the modal also stops an analysis poller inside it.
    document.getElementById('modal-content').innerHTML = '';
    restoreFocus();
  }, true);

  function restoreFocus() {
    if (!opener || !opener.key) {
      return;
    }
    var row = document.querySelector('tr[data-key="' + opener.key + '"]');
    if (row) {
      var target = Array.prototype.slice.call(row.querySelectorAll('a, button')).filter(function (element) {
        return element.textContent.trim() === opener.label;
      })[0] || row.querySelector('a');
      if (target) {
        target.focus();
      }
    }
  }

  // Every piece of content htmx puts in the page (also when it replaced the element it came for).
  document.addEventListener('htmx:load', function (event) {
    enhance(event.detail.elt);
  });

  document.addEventListener('htmx:afterSwap', function (event) {
    var target = event.detail.target;
    if (target.id === 'modal-content') {
      var modal = dialog();
      if (modal && !modal.open) {
        modal.showModal();
      }
      if (modal) {
        var title = document.getElementById('modal-title');
        var alert = target.querySelector('.problem, .notice');
        (alert && alert.classList.contains('problem') ? alert : title || target).focus({ preventScroll: false });
      }
    }
    if (target.id === 'ticket-list') {
      lastListRefresh = Date.now();
      if (dialog() && !dialog().open) {
        restoreFocus();
      }
    }
  });

  // --- Live updates: say whether the stream is up; offer to refresh a list that went stale. ---
  var lastListRefresh = Date.now();

  function setLive(text, state) {
    document.querySelectorAll('[data-live-status]').forEach(function (element) {
      element.textContent = text;
      element.setAttribute('data-state', state);
    });
  }

  document.addEventListener('htmx:sseOpen', function () {
    setLive('Live', 'open');
  });
  document.addEventListener('htmx:sseError', function () {
    setLive('Reconnecting…', 'error');
  });
  document.addEventListener('htmx:sseMessage', function (event) {
    if (event.detail && event.detail.type === 'tickets-changed' && Date.now() - lastListRefresh > 3000) {
      document.querySelectorAll('[data-list-changed]').forEach(function (notice) {
        notice.hidden = false;
      });
    }
  });

  // --- Drafts: half-written tickets and replies survive an expired session or a closed tab. ---
  // Kept in this browser's local storage only; removed on sign-out and once the form was sent.
  var DRAFT_PREFIX = 'bugbridge.draft.';

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function draftFields(form) {
    return Array.prototype.slice.call(form.querySelectorAll('input, textarea, select')).filter(function (field) {
      return field.name && field.name !== '_csrf' && field.type !== 'file' && field.type !== 'hidden'
        && field.type !== 'submit' && field.type !== 'button';
    });
  }

  function saveDraft(form) {
    var store = storage();
    if (!store) {
      return;
    }
    var values = {};
    var any = false;
    draftFields(form).forEach(function (field) {
      if (field.type === 'radio' || field.type === 'checkbox') {
        if (field.checked) {
          values[field.name + '=' + field.value] = true;
        }
      } else if (field.value && field.value.trim() && !field.hasAttribute('data-autofill-environment')) {
        values[field.name] = field.value;
        any = true;
      }
    });
    if (any) {
      store.setItem(DRAFT_PREFIX + form.getAttribute('data-draft'), JSON.stringify(values));
    } else {
      store.removeItem(DRAFT_PREFIX + form.getAttribute('data-draft'));
    }
  }

  function restoreDraft(form) {
    var store = storage();
    var saved = store && store.getItem(DRAFT_PREFIX + form.getAttribute('data-draft'));
    if (!saved) {
      return;
    }
    var filled = draftFields(form).some(function (field) {
      return field.type !== 'radio' && field.type !== 'checkbox' && field.tagName !== 'SELECT'
        && !field.hasAttribute('data-autofill-environment') && field.value && field.value.trim();
    });
    if (filled) {
      // The server sent the form back with what was typed (a validation problem): that wins.
      return;
    }
    var values;
    try {
      values = JSON.parse(saved);
    } catch (e) {
      return;
    }
    draftFields(form).forEach(function (field) {
      if (field.type === 'radio' || field.type === 'checkbox') {
        field.checked = values[field.name + '=' + field.value] === true;
      } else if (Object.prototype.hasOwnProperty.call(values, field.name)) {
        field.value = values[field.name];
      }
    });
    var note = document.createElement('p');
    note.className = 'notice draft-restored';
    note.id = 'draft-restored';
    note.setAttribute('role', 'status');
    note.textContent = 'We kept what you had written: check it and send it when ready. ';
    var discard = document.createElement('button');
    discard.type = 'button';
    discard.className = 'link-button';
    discard.textContent = 'Discard the draft';
    discard.addEventListener('click', function () {
      store.removeItem(DRAFT_PREFIX + form.getAttribute('data-draft'));
      form.reset();
      note.remove();
    });
    note.appendChild(discard);
    form.insertBefore(note, form.firstChild);
  }

  function setupDrafts(root) {
    root.querySelectorAll('form[data-draft]').forEach(function (form) {
      if (form.getAttribute('data-draft-ready')) {
        return;
      }
      form.setAttribute('data-draft-ready', 'true');
      restoreDraft(form);
      form.addEventListener('input', function () {
        saveDraft(form);
      });
      form.addEventListener('change', function () {
        saveDraft(form);
      });
    });
    // The page that confirms a sent form names the draft it makes obsolete.
    root.querySelectorAll('[data-draft-sent]').forEach(function (sent) {
      var store = storage();
      if (store) {
        store.removeItem(DRAFT_PREFIX + sent.getAttribute('data-draft-sent'));
      }
    });
  }

  function clearDrafts() {
    var store = storage();
    if (!store) {
      return;
    }
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      if (store.key(i).indexOf(DRAFT_PREFIX) === 0) {
        keys.push(store.key(i));
      }
    }
    keys.forEach(function (key) {
      store.removeItem(key);
    });
  }

  document.addEventListener('submit', function (event) {
    if (event.target.classList && event.target.classList.contains('signout')) {
      clearDrafts();
    }
  });

  function enhance(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    localiseTimes(root);
    fillEnvironment(root);
    setupDrafts(root);
    if (root.classList && root.classList.contains('upload')) {
      setupUpload(root);
    }
    root.querySelectorAll('.upload').forEach(setupUpload);
  }

  ready(function () {
    enhance(document);
    var summary = document.getElementById('error-summary');
    if (summary) {
      summary.focus();
    }
  });
})();
