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
        var changed = function () {
          if (unsaved) { unsaved.hidden = false; }
          clearTimeout(timer);
          timer = setTimeout(refresh, 250);
        };
        form.addEventListener('change', changed);
        form.addEventListener('input', function (e) { if (e.target.type === 'number' || e.target.type === 'text') { changed(); } });
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
