// A volunteer's page: the form is built by json-editor from the protocol package's schema; sending posts through the
// intake's API (the page's public key, the same checks as any app) and shows the verdict, each reason next to the
// field its JSON Pointer names.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('page-config').textContent);
  var lang = config.lang === 'en' ? 'en' : 'fr';
  var TEXT = {
    fr: {
      send: 'Envoyer', sending: 'Envoi…', pending: 'Reçue, vérification en cours…',
      accepted: 'Acceptée', accepted_with_flags: 'Acceptée, avec des remarques', rejected: 'Refusée',
      other: 'English', otherLang: 'en', timeout: 'Pas encore de verdict : réessayez plus tard.',
      refused: 'L’envoi a été refusé : '
    },
    en: {
      send: 'Send', sending: 'Sending…', pending: 'Received, being checked…',
      accepted: 'Accepted', accepted_with_flags: 'Accepted, with remarks', rejected: 'Rejected',
      other: 'Français', otherLang: 'fr', timeout: 'No verdict yet: try again later.',
      refused: 'The submission was refused: '
    }
  }[lang];

  var send = document.getElementById('send');
  var verdict = document.getElementById('verdict');
  var switcher = document.getElementById('lang-switch');
  var other = document.createElement('a');
  other.href = '?lang=' + TEXT.otherLang;
  other.textContent = TEXT.other;
  switcher.appendChild(other);
  send.textContent = TEXT.send;

  function status(kind, text) {
    verdict.dataset.status = kind;
    verdict.textContent = '';
    var p = document.createElement('p');
    p.className = 'status';
    p.textContent = text;
    verdict.appendChild(p);
  }

  // a random id: 32 hex digits after "page-" (the schemas' submissionId pattern); getRandomValues works on http too
  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'page-' + Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  // RFC 3339 with seconds and the browser's offset
  function now() {
    var d = new Date();
    var off = -d.getTimezoneOffset();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    var sign = off >= 0 ? '+' : '-';
    off = Math.abs(off);
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + 'T' + two(d.getHours()) + ':'
      + two(d.getMinutes()) + ':' + two(d.getSeconds()) + sign + two(Math.floor(off / 60)) + ':' + two(off % 60);
  }

  function clearViolations() {
    Array.prototype.forEach.call(document.querySelectorAll('.violation'), function (v) { v.remove(); });
  }

  // "/reports/0/description" -> the editor of root.reports.0.description, or its nearest ancestor that has one
  function editorAt(pointer) {
    var parts = pointer === '' ? [] : pointer.split('/').slice(1).map(function (s) {
      return s.replace(/~1/g, '/').replace(/~0/g, '~');
    });
    while (true) {
      var path = ['root'].concat(parts).join('.');
      var ed = window.observatoireEditor.getEditor(path);
      if (ed && ed.container) {
        return ed;
      }
      if (parts.length === 0) {
        return null;
      }
      parts.pop();
    }
  }

  function showVerdict(v) {
    status(v.status, TEXT[v.status] || v.status);
    (v.reasons || []).forEach(function (r) {
      var div = document.createElement('div');
      div.className = 'violation';
      div.dataset.code = r.code;
      div.dataset.pointer = r.pointer;
      div.textContent = (r.message && r.message[lang]) || r.detail;
      div.title = r.code + (r.detail ? ': ' + r.detail : '');
      var ed = r.pointer ? editorAt(r.pointer) : null;
      if (ed && ed.path !== 'root') {
        ed.container.appendChild(div);
      } else {
        verdict.appendChild(div);
      }
    });
  }

  function poll(id, deadline) {
    fetch('/submissions/' + encodeURIComponent(id), { headers: { 'X-Api-Key': config.key } })
      .then(function (r) {
        if (r.status === 200) {
          return r.json().then(function (v) { showVerdict(v); send.disabled = false; });
        }
        if (Date.now() > deadline) {
          status('pending', TEXT.timeout);
          send.disabled = false;
          return null;
        }
        setTimeout(function () { poll(id, deadline); }, 500);
        return null;
      })
      .catch(function () { setTimeout(function () { poll(id, deadline); }, 1000); });
  }

  function submit() {
    clearViolations();
    send.disabled = true;
    status('sending', TEXT.sending);
    var body = window.observatoireEditor.getValue();
    body.submissionId = newId();
    body.protocol = config.protocol;
    body.protocolVersion = config.protocolVersion;
    body.submittedAt = now();
    verdict.dataset.submissionId = body.submissionId;
    fetch('/submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': config.key },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (answer) {
        if (r.status === 202) {
          status('pending', TEXT.pending);
          poll(body.submissionId, Date.now() + 180000);
        } else {
          status('error', TEXT.refused + (answer.error || r.status));
          send.disabled = false;
        }
      });
    }).catch(function (e) {
      status('error', TEXT.refused + e);
      send.disabled = false;
    });
  }

  fetch(config.formSchema).then(function (r) { return r.json(); }).then(function (schema) {
    schema.title = config.title;
    var editor = new JSONEditor(document.getElementById('form'), {
      schema: schema,
      theme: 'html',
      show_errors: 'never',
      disable_edit_json: true,
      disable_properties: false,
      disable_collapse: true,
      display_required_only: true,
      remove_empty_properties: true,
      prompt_before_delete: false,
      no_additional_properties: true
    });
    window.observatoireEditor = editor;
    editor.on('ready', function () {
      send.disabled = false;
      send.addEventListener('click', submit);
      document.body.dataset.formReady = 'yes';
    });
  });
})();
