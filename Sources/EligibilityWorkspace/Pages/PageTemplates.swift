/// The pages' mustache templates, kept in the binary so the workspace needs no files
/// beside it. `{{x}}` escapes HTML; nothing here uses the unescaped form.
enum PageTemplates {
    static let layout = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{$title}}eligcheck workspace{{/title}}</title>
    <link rel="stylesheet" href="/assets/workspace.css">
    </head>
    <body class="{{$bodyClass}}page{{/bodyClass}}">
    <a class="skip" href="#main">Skip to the content</a>
    <header class="top">
    <nav aria-label="Workspace"><a href="/" class="brand">eligcheck workspace</a>
    <a href="/">Cases</a> <a href="/cases/new">New case</a>{{#who.mayAudit}} <a href="/admin/access-log">Access log</a> <a href="/admin/members">Teams and roles</a>{{/who.mayAudit}}{{#who.signedIn}} <a href="/account/tokens">API tokens</a>{{/who.signedIn}}</nav>
    <p class="rules">Rules {{rulesVersion}}</p>
    {{#who}}<div class="who" id="who">{{#local}}<p>No sign-in: single-user mode for this computer only (the server answers on loopback). Every read and change is logged as the local user.</p>{{/local}}{{^local}}{{#signedOut}}<p>Not signed in. <a href="/signin">Sign in</a></p>{{/signedOut}}{{^signedOut}}<p>Signed in as <strong id="who-name">{{name}}</strong> · {{roles}} · teams: {{teams}}</p>
    <form method="post" action="/signout" class="sign-out"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Sign out</button></form>{{/signedOut}}{{/local}}</div>{{/who}}
    </header>
    <main id="main">
    {{$body}}{{/body}}
    </main>
    {{$script}}{{/script}}
    </body>
    </html>
    """

    static let list = """
    {{<layout}}
    {{$title}}Cases · eligcheck workspace{{/title}}
    {{$body}}
    <h1>Cases</h1>
    {{#changedNotice}}<div class="notice" role="status" id="changed-notice"><p><strong>{{changedNotice}}</strong></p>
    <ul>{{#changed}}<li><a href="/cases/{{id}}">{{label}}</a>: {{#entries}}<span class="change">{{title}}: {{from}} → {{to}}</span> {{/entries}}</li>{{/changed}}</ul></div>{{/changedNotice}}
    <p><a class="button" href="/cases/new">New case</a></p>
    {{#hasCases}}
    <table class="cases" id="cases">
    <caption>Saved cases, {{#byDeadline}}the next deadline first{{/byDeadline}}{{^byDeadline}}the most recently changed first{{/byDeadline}}</caption>
    <thead><tr><th scope="col">Case</th><th scope="col">Statuses</th>
    <th scope="col" id="col-deadline"{{#byDeadline}} aria-sort="ascending"{{/byDeadline}}><a href="/?sort=deadline" id="sort-deadline">Next deadline</a>{{#byDeadline}} <span aria-hidden="true">▲</span>{{/byDeadline}}</th>
    <th scope="col">Version</th>
    <th scope="col" id="col-changed"{{^byDeadline}} aria-sort="descending"{{/byDeadline}}><a href="/" id="sort-changed">Last change</a>{{^byDeadline}} <span aria-hidden="true">▼</span>{{/byDeadline}}</th></tr></thead>
    <tbody>
    {{#cases}}<tr data-case="{{id}}"><th scope="row"><a href="/cases/{{id}}">{{label}}</a></th><td>{{summary}}</td>
    <td class="next-deadline">{{#next}}<time datetime="{{iso}}">{{iso}}</time> <span class="readable">{{readable}}</span>{{#passed}} <strong class="passed">passed</strong>{{/passed}}{{/next}}{{^next}}{{#undated}}<span class="no-date">no date</span>{{/undated}}{{^undated}}<span class="none">none</span>{{/undated}}{{/next}}</td>
    <td>{{version}}</td><td>{{updatedAt}}</td></tr>
    {{/cases}}
    </tbody></table>
    {{/hasCases}}
    {{^hasCases}}<p>No cases yet. Start one with <a href="/cases/new">New case</a>.</p>{{/hasCases}}
    <h2 id="deadlines-heading">Coming deadlines</h2>
    {{#hasDeadlines}}<table class="deadlines" id="deadlines" aria-labelledby="deadlines-heading"><caption>Steps still to take, and services in place whose deadline counts from a date of the case; those with a date first, the earliest first</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Case</th><th scope="col">Step</th><th scope="col">Who</th><th scope="col">Deadline</th></tr></thead>
    <tbody>{{#deadlines}}<tr data-case="{{caseId}}"><td class="due">{{#date}}<time datetime="{{iso}}">{{iso}}</time><br><span class="readable">{{readable}}</span>{{#passed}} <strong class="passed">passed</strong>{{/passed}}{{/date}}{{^date}}<span class="no-date">no date</span>{{/date}}</td>
    <th scope="row"><a href="/cases/{{caseId}}">{{label}}</a></th><td>{{#step}}{{.}}. {{/step}}{{does}}</td><td>{{who}}</td>
    <td class="deadline-text">{{deadline}}{{#from}}<br><small class="from">{{from}}</small>{{/from}}</td></tr>
    {{/deadlines}}</tbody></table>{{/hasDeadlines}}
    {{^hasDeadlines}}<p>No deadline applies to any case.</p>{{/hasDeadlines}}
    <h2>Agreed at meetings</h2>
    {{#hasAgreed}}<table class="agreed" id="agreed"><caption>Actions agreed at meetings, by due date</caption>
    <thead><tr><th scope="col">Due</th><th scope="col">Case</th><th scope="col">What</th><th scope="col">Who</th></tr></thead>
    <tbody>{{#agreed}}<tr{{#overdue}} class="overdue"{{/overdue}}><td>{{due}}{{#overdue}} <strong>(overdue)</strong>{{/overdue}}</td><th scope="row"><a href="/cases/{{caseId}}">{{label}}</a></th><td>{{what}}</td><td>{{owner}}</td></tr>
    {{/agreed}}</tbody></table>{{/hasAgreed}}
    {{^hasAgreed}}<p>No meeting has agreed an action with a due date.</p>{{/hasAgreed}}
    {{/body}}
    {{/layout}}
    """

    static let newCase = """
    {{<layout}}
    {{$title}}New case · eligcheck workspace{{/title}}
    {{$body}}
    <h1>New case</h1>
    {{#errors}}<div class="errors" role="alert"><p>The case was not created:</p><ul>{{#items}}<li>{{.}}</li>{{/items}}</ul></div>{{/errors}}
    <form method="post" action="/cases" class="new-case">
    <input type="hidden" name="csrf_token" value="{{csrf}}">
    <div class="field"><label for="label">Label (a pseudonym: no name is needed; an imported file's id when left empty)</label>
    <input id="label" name="label" maxlength="120" value="{{label}}" autocomplete="off"></div>
    {{#chooseTeam}}<div class="field"><label for="team">Team (the members of this team will see the case)</label>
    <select id="team" name="team">{{#teams}}<option value="{{.}}">{{.}}</option>{{/teams}}</select></div>{{/chooseTeam}}
    <div class="field"><label for="patient">Import a patient file (optional): paste its YAML or JSON</label>
    <textarea id="patient" name="patient" rows="12" spellcheck="false" aria-describedby="patient-hint">{{patient}}</textarea>
    <p class="hint" id="patient-hint">The patient profile of the contract, as <code>eligcheck check</code> reads it. Leave it empty to start with no facts.</p>
    <label for="patient-file" class="js-only">or choose the file</label> <input type="file" id="patient-file" class="js-only" accept=".yaml,.yml,.json"></div>
    <p><button type="submit">Create the case</button></p>
    </form>
    {{/body}}
    {{$script}}<script src="/assets/workspace.js"></script>{{/script}}
    {{/layout}}
    """

    static let accessLog = """
    {{<layout}}
    {{$title}}Access log · eligcheck workspace{{/title}}
    {{$body}}
    <h1>Access log</h1>
    <p>Every read and change of a case, every sign-in and sign-out, and every refusal, newest first. The log can only grow: the database refuses to change or delete its rows.</p>
    <form method="get" action="/admin/access-log" class="filters">
    <label for="case">Case</label> <input id="case" name="case" inputmode="numeric" value="{{caseFilter}}">
    <label for="member">Member (subject or name)</label> <input id="member" name="member" value="{{memberFilter}}">
    <label for="since">Since (date)</label> <input type="date" id="since" name="since" value="{{sinceFilter}}">
    <button type="submit">Show</button></form>
    {{#problem}}<p class="errors" role="alert">{{problem}}</p>{{/problem}}
    <table class="access-log" id="access-log"><caption>{{count}} row(s){{#truncated}}, the newest {{count}} shown{{/truncated}}</caption>
    <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Case</th><th scope="col">From</th></tr></thead>
    <tbody>{{#rows}}<tr><td>{{at}}</td><td>{{name}} <small>({{subject}})</small></td><td>{{action}}</td><td>{{#caseId}}<a href="/cases/{{caseId}}">{{caseId}}</a>{{/caseId}}</td><td>{{origin}}</td></tr>
    {{/rows}}</tbody></table>
    {{/body}}
    {{/layout}}
    """

    static let message = """
    {{<layout}}
    {{$title}}{{heading}} · eligcheck workspace{{/title}}
    {{$body}}
    <h1>{{heading}}</h1>
    <p role="alert">{{text}}</p>
    <p><a href="{{back}}">{{backText}}</a></p>
    {{/body}}
    {{/layout}}
    """
}
