/// The pages' only script, served from `/assets/workspace.js`. Everything works without it;
/// with it the result follows the form as it is filled in (nothing is saved until Save),
/// and a patient file can be chosen instead of pasted.
enum LiveScript {
    static let js = """
    document.documentElement.classList.add('js');
    (function () {
      var form = document.getElementById('case-form');
      if (form) {
        var result = document.getElementById('result');
        var unsaved = document.getElementById('unsaved');
        var timer = null, sequence = 0;
        var refresh = function () {
          var mine = ++sequence;
          var body = new URLSearchParams(new FormData(form));
          fetch(form.dataset.preview, { method: 'POST', body: body, credentials: 'same-origin',
            headers: { 'X-Requested-With': 'fetch' } })
            .then(function (r) { return r.ok || r.status === 422 ? r.text() : null; })
            .then(function (html) {
              if (html !== null && mine === sequence) { result.innerHTML = html; result.dataset.updated = String(mine); }
            });
        };
        // A new country brings its own questions: the form's questions and the result
        // come from the page the server makes for the facts on the form.
        var refreshQuestions = function () {
          var mine = ++sequence;
          var body = new URLSearchParams(new FormData(form));
          fetch(form.dataset.preview, { method: 'POST', body: body, credentials: 'same-origin',
            headers: { 'X-Requested-With': 'page' } })
            .then(function (r) { return r.ok || r.status === 422 ? r.text() : null; })
            .then(function (html) {
              if (html === null || mine !== sequence) { return; }
              var page = new DOMParser().parseFromString(html, 'text/html');
              var fields = page.getElementById('fact-fields'), panel = page.getElementById('result');
              if (fields) { document.getElementById('fact-fields').replaceWith(document.importNode(fields, true)); }
              if (panel) { result.innerHTML = panel.innerHTML; result.dataset.updated = String(mine); }
            });
        };
        var changed = function (e) {
          if (unsaved) { unsaved.hidden = false; }
          clearTimeout(timer);
          if (e && e.target && e.target.name === 'jurisdiction') { refreshQuestions(); return; }
          timer = setTimeout(refresh, 250);
        };
        form.addEventListener('change', changed);
        form.addEventListener('input', function (e) { if (e.target.type === 'number' || e.target.type === 'text') { changed(e); } });
      }
      var file = document.getElementById('patient-file');
      if (file) {
        file.addEventListener('change', function () {
          var chosen = file.files && file.files[0];
          if (!chosen) { return; }
          chosen.text().then(function (text) { document.getElementById('patient').value = text; });
        });
      }
    })();
    """
}
