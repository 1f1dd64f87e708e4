extension PageTemplates {
    /// The case page: the facts as a form beside the result.
    static let casePage = """
    {{<layout}}
    {{$title}}{{label}} · eligcheck workspace{{/title}}
    {{$bodyClass}}page case-page{{/bodyClass}}
    {{$body}}
    <h1>Case {{label}}</h1>
    <p class="meta">Version <span id="case-version">{{version}}</span> · last change {{updatedAt}} ·
    <a href="/cases/{{id}}/print">Print view</a> · <a href="/v1/cases/{{id}}/patient" download>Export as patient file</a> ·
    <a href="/cases/{{id}}/plan.md" download>Export the plan</a>{{#team}} · team <span id="case-team">{{team}}</span>{{/team}}</p>
    {{#readOnly}}<div class="notice" role="status" id="read-only">You may read this case; your role does not allow changing it (ask for the case_manager role in the case's team).</div>{{/readOnly}}
    {{#notice}}<div class="notice" role="status" id="notice">{{notice}}</div>{{/notice}}
    {{#conflict}}<div class="conflict" role="alert" id="conflict"><p><strong>Someone else changed this case</strong> while you were editing it
    (it is now at version {{current}}; you started from version {{given}}). Your changes below are <strong>not saved</strong>.
    The saved case differs from what you sent in: {{fields}}. Check them, then save again to keep yours.</p></div>{{/conflict}}
    {{#errorCount}}<div class="errors" role="alert" id="errors"><p>Nothing was saved: {{errorCount}} field(s) need a look.</p>
    <ul>{{#errorList}}<li><a href="#{{anchor}}">{{message}}</a></li>{{/errorList}}</ul></div>{{/errorCount}}
    <div class="columns">
    <form method="post" action="/cases/{{id}}" id="case-form" class="facts" data-preview="/cases/{{id}}/preview">
    <input type="hidden" name="csrf_token" value="{{csrf}}">
    <input type="hidden" name="version" value="{{formVersion}}">
    <div class="actions">{{^readOnly}}<button type="submit" id="save">Save</button>{{/readOnly}}
    <button type="submit" formaction="/cases/{{id}}/preview" class="secondary" id="check">Check without saving</button>
    <span id="unsaved" class="unsaved" hidden>Unsaved changes</span></div>
    <fieldset class="topic" id="topic-case"><legend>The case</legend>
    <div class="field"><label for="label">Label (a pseudonym)</label>
    <input id="label" name="label" required maxlength="120" value="{{label}}" autocomplete="off"></div>
    <div class="field"><label for="as_of">Evaluate as of (empty: today)</label>
    <input type="date" id="as_of" name="as_of" value="{{asOf}}"></div>
    {{#form.country}}{{> field}}{{/form.country}}
    </fieldset>
    <div id="fact-fields" data-inputs="{{form.inputCount}}">
    {{#form}}{{#hasOpen}}<fieldset class="topic open-questions" id="topic-open"><legend>Open questions</legend>
    <p class="hint">What the rules ask for now, the answer that decides most first.</p>
    {{#open}}{{> field}}{{/open}}
    </fieldset>{{/hasOpen}}
    {{#countryNote}}<p class="country-note" id="country-note">{{countryNote}}</p>{{/countryNote}}
    {{#groups}}<details class="topic" id="topic-{{id}}"{{#expanded}} open{{/expanded}}><summary>{{title}} <span class="count">· {{count}} question(s), {{answered}} answered</span></summary>
    {{#fields}}{{> field}}{{/fields}}
    </details>
    {{/groups}}
    {{#kept}}<details class="topic kept" id="topic-kept"{{#expanded}} open{{/expanded}}><summary>{{title}} <span class="count">· {{count}}</span></summary>
    <p class="hint">These answers are kept with the case, but the rules of its country do not ask them. Choose “Don't know” or empty a field to clear it.</p>
    {{#fields}}{{> field}}{{/fields}}
    </details>{{/kept}}{{/form}}
    </div>
    <div class="actions">{{^readOnly}}<button type="submit">Save</button>{{/readOnly}}
    <button type="submit" formaction="/cases/{{id}}/preview" class="secondary">Check without saving</button></div>
    </form>
    <section id="result" class="result" aria-live="polite" aria-labelledby="result-heading">{{> result}}</section>
    </div>
    <section class="meetings" id="meetings" aria-labelledby="meetings-heading"><h2 id="meetings-heading">Meetings</h2>
    {{#hasMeetings}}<ul>{{#meetings}}<li><a href="/cases/{{caseId}}/meetings/{{meetingId}}">Meeting on {{date}}</a>: {{participants}} taking part, {{agreed}} agreed action(s) ·
    <a href="/cases/{{caseId}}/meetings/{{meetingId}}/print">{{kind}}</a></li>{{/meetings}}</ul>{{/hasMeetings}}
    {{^hasMeetings}}<p>No meeting yet (a SIP or care-plan meeting: who takes part, what is agreed, by whom, by when).</p>{{/hasMeetings}}
    {{^readOnly}}<p><a class="button" href="/cases/{{id}}/meetings/new" id="plan-meeting">Plan a meeting</a></p>{{/readOnly}}</section>
    <section class="history" aria-labelledby="history-heading"><h2 id="history-heading">History</h2>
    <details><summary>{{historyCount}} change(s)</summary>
    <table><thead><tr><th scope="col">When</th><th scope="col">Version</th><th scope="col">Fact</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">By</th></tr></thead>
    <tbody>{{#history}}<tr><td>{{at}}</td><td>{{version}}</td><td><code>{{field}}</code></td><td>{{old}}{{^old}}<em>unknown</em>{{/old}}</td><td>{{new}}{{^new}}<em>unknown</em>{{/new}}</td><td>{{by}}{{^by}}<em>not recorded</em>{{/by}}</td></tr>
    {{/history}}</tbody></table></details></section>
    {{^readOnly}}<section class="danger" aria-labelledby="delete-heading"><h2 id="delete-heading">Delete</h2>
    <form method="post" action="/cases/{{id}}/delete"><input type="hidden" name="csrf_token" value="{{csrf}}">
    <button type="submit" class="destructive">Delete this case and its history</button></form></section>{{/readOnly}}
    {{/body}}
    {{$script}}<script src="/assets/workspace.js"></script>{{/script}}
    {{/layout}}
    """

    /// One fact as a form field: yes / no / don't know, a choice, a date or a value.
    static let field = """
    <div class="field{{#isOpen}} open{{/isOpen}}{{#error}} invalid{{/error}}" id="field-{{anchor}}" data-fact="{{name}}">
    {{#isBool}}<fieldset class="choice" aria-describedby="{{anchor}}-hint"><legend id="{{anchor}}">{{question}}</legend>
    <label><input type="radio" name="{{name}}" value="true"{{#yes}} checked{{/yes}}> Yes</label>
    <label><input type="radio" name="{{name}}" value="false"{{#no}} checked{{/no}}> No</label>
    <label><input type="radio" name="{{name}}" value=""{{#unknown}} checked{{/unknown}}> Don't know</label>
    </fieldset>{{/isBool}}
    {{#isChoice}}<label for="{{anchor}}">{{question}}</label>
    <select id="{{anchor}}" name="{{name}}" aria-describedby="{{anchor}}-hint"{{#error}} aria-invalid="true"{{/error}}><option value="">Don't know</option>
    {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isChoice}}
    {{#inputType}}<label for="{{anchor}}">{{question}}</label>
    <input type="{{inputType}}" id="{{anchor}}" name="{{name}}" value="{{value}}"{{#step}} step="{{step}}"{{/step}}{{#min}} min="{{min}}"{{/min}}{{#max}} max="{{max}}"{{/max}} aria-describedby="{{anchor}}-hint"{{#error}} aria-invalid="true"{{/error}} autocomplete="off">{{/inputType}}
    <p class="hint" id="{{anchor}}-hint">{{#hint}}{{hint}} · {{/hint}}<code>{{name}}</code>{{#isOpen}} · <strong>open question</strong>{{/isOpen}}</p>
    {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
    </div>
    """
}
