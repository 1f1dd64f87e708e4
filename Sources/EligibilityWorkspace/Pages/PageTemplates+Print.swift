extension PageTemplates {
    /// The handout for an application or a SIP meeting: on paper, nothing but the case.
    static let printView = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{label}}: plan and status · eligcheck</title>
    <link rel="stylesheet" href="/assets/workspace.css">
    </head>
    <body class="print-view">
    <nav class="screen-only" aria-label="Back"><a href="/cases/{{id}}">Back to the case</a> ·
    <button type="button" id="print-button" class="js-only">Print</button> <span>(or use the browser's Print)</span></nav>
    <main id="main">
    <header class="handout-head"><h1>{{label}}</h1>
    <p>Plan and status for the meeting · as of {{asOf}} · case version {{version}} · rules {{rulesVersion}}</p></header>
    {{#problem}}<div class="errors"><p>The saved facts no longer fit the rules:</p><pre>{{problem}}</pre></div>{{/problem}}
    {{#report}}
    <dl class="bottom-line">{{#bottomLine}}<dt>{{label}}</dt><dd>{{items}}</dd>{{/bottomLine}}</dl>
    <section><h2>Plan</h2>
    {{#hasPlan}}<table class="plan-table"><thead><tr><th scope="col">#</th><th scope="col">Step</th><th scope="col">Who</th><th scope="col">Deadline</th><th scope="col">Documents</th><th scope="col">Done</th></tr></thead>
    <tbody>{{#plan}}<tr><td>{{step}}</td><td>{{does}}{{#enables}}<br><small>Makes possible: {{enables}}</small>{{/enables}}</td><td>{{who}}</td><td>{{deadline}}</td><td>{{documents}}</td><td class="tick">☐</td></tr>
    {{/plan}}</tbody></table>{{/hasPlan}}
    {{^hasPlan}}<p>No steps are needed or possible yet.</p>{{/hasPlan}}</section>
    {{#hasDeadlocks}}<section><h2>Deadlocks and the ways out</h2>
    {{#deadlocks}}<div class="deadlock"><p><strong>{{cycle}}</strong>: {{explanation}}</p>
    <ul>{{#edges}}<li>{{text}} <small class="cite">{{rule}} · {{source}}</small>{{#evidence}}{{> evidence}}{{/evidence}}</li>{{/edges}}</ul>
    {{#hasWaysOut}}<p>Ways out:</p><ul>{{#waysOut}}<li>{{description}}{{#who}} ({{who}}){{/who}}{{#cost}}: <strong>cost to the patient: {{cost}}</strong>{{/cost}}</li>{{/waysOut}}</ul>{{/hasWaysOut}}</div>{{/deadlocks}}</section>{{/hasDeadlocks}}
    <section><h2>To ask at the meeting</h2>
    {{#hasQuestions}}<ol>{{#questions}}<li>{{question}} <small>(decides {{decides}})</small></li>{{/questions}}</ol>{{/hasQuestions}}
    {{^hasQuestions}}<p>No open question decides a service.</p>{{/hasQuestions}}</section>
    <section><h2>Services</h2>
    <table class="services-table"><thead><tr><th scope="col">Service</th><th scope="col">Agency</th><th scope="col">Status</th><th scope="col">In short</th></tr></thead>
    <tbody>{{#statusGroups}}{{#services}}<tr><td>{{title}}</td><td>{{agency}}</td><td>{{statusWord}}</td><td>{{summary}}</td></tr>
    {{/services}}{{/statusGroups}}</tbody></table></section>
    <section class="sources"><h2>Rules and sources</h2><ul>{{#statusGroups}}{{#services}}{{#reasons}}<li>{{text}} <small class="cite">{{rule}} · {{source}}</small></li>{{/reasons}}{{/services}}{{/statusGroups}}</ul></section>
    {{/report}}
    </main>
    <script src="/assets/workspace.js"></script>
    </body>
    </html>
    """
}
