extension PageTemplates {
    /// What the rules say about the facts on the form: also sent alone to the page's script.
    static let result = """
    <h2 id="result-heading">Result{{#unsaved}} <span class="unsaved">(not saved)</span>{{/unsaved}}</h2>
    {{#problem}}<div class="errors" role="alert"><p>The saved facts no longer fit the rules:</p><pre>{{problem}}</pre></div>{{/problem}}
    {{#report}}
    {{#alerts}}<div class="alert" role="alert"><strong>Alert:</strong> {{.}}</div>{{/alerts}}
    <p class="meta">As of {{asOf}} · rules {{rulesVersion}}</p>
    <dl class="bottom-line" id="bottom-line">{{#bottomLine}}<dt>{{label}}</dt><dd>{{items}}</dd>{{/bottomLine}}</dl>
    <section aria-labelledby="questions-heading"><h3 id="questions-heading">Open questions</h3>
    {{#hasQuestions}}<ol class="questions" id="questions">{{#questions}}<li data-fact="{{fact}}"><a href="#field-{{anchor}}">{{question}}</a>
    <span class="decides">decides {{decides}}</span></li>{{/questions}}</ol>{{/hasQuestions}}
    {{^hasQuestions}}<p id="questions">No open question decides a service.</p>{{/hasQuestions}}</section>
    <section aria-labelledby="services-heading"><h3 id="services-heading">Services</h3>
    {{#statusGroups}}<h4 class="status-{{status}}">{{heading}} ({{count}})</h4>
    <ul class="services">{{#services}}<li class="service status-{{status}}" data-service="{{id}}" data-status="{{status}}">
    <span class="badge">{{statusWord}}</span> <strong>{{title}}</strong> <span class="agency">{{agency}}</span>{{#afterAcute}} <strong class="after-acute">after the acute assessment</strong>{{/afterAcute}}
    <p>{{summary}}</p>{{#hasReasons}}<details><summary>Why: rules and sources</summary><ul>{{#reasons}}<li>{{text}}{{#seen}} (seen: {{seen}}){{/seen}}
    <small class="cite">{{rule}} · {{source}}</small></li>{{/reasons}}</ul></details>{{/hasReasons}}</li>
    {{/services}}</ul>{{/statusGroups}}</section>
    <section aria-labelledby="plan-heading"><h3 id="plan-heading">Plan</h3>
    {{#choices}}<p class="alternatives" data-need="{{need}}"><strong>{{heading}}</strong> {{services}}. {{meaning}}</p>{{/choices}}
    {{#hasPlan}}<ol class="plan">{{#plan}}<li><strong>{{does}}</strong> <span class="who">({{who}})</span>
    {{#deadline}}<br><span class="deadline">Deadline: {{deadline}}</span>{{/deadline}}
    {{#hasDocuments}}<br>Documents: {{documents}}{{/hasDocuments}}{{#enables}}<br><small>Makes possible: {{enables}}</small>{{/enables}}</li>{{/plan}}</ol>{{/hasPlan}}
    {{^hasPlan}}<p>No steps are needed or possible yet.</p>{{/hasPlan}}</section>
    {{#hasDeadlocks}}<section aria-labelledby="deadlocks-heading"><h3 id="deadlocks-heading">Deadlocks</h3>
    {{#deadlocks}}<div class="deadlock"><p><strong>{{cycle}}</strong></p>
    {{#diagram}}<figure class="diagram">{{> diagram}}</figure>{{/diagram}}<p>{{explanation}}</p>
    <h4>Why each waits for the next</h4><ul>{{#edges}}<li>{{text}} <small class="cite">{{rule}} · {{source}}</small>
    {{#evidence}}{{> evidence}}{{/evidence}}</li>{{/edges}}</ul>
    <h4>Ways out</h4>{{#hasWaysOut}}<ul>{{#waysOut}}<li>{{description}}{{#who}} ({{who}}){{/who}}
    <br><strong class="cost">Cost to the patient: {{cost}}</strong>
    {{#uncertainty}}<br><em>May not work: {{uncertainty}}</em>{{/uncertainty}}</li>{{/waysOut}}</ul>{{/hasWaysOut}}
    {{^hasWaysOut}}<p>No single step was found that breaks it.</p>{{/hasWaysOut}}</div>{{/deadlocks}}</section>{{/hasDeadlocks}}
    {{#hasGaps}}<section aria-labelledby="gaps-heading" id="gaps"><h3 id="gaps-heading">Falling between services</h3>
    {{#gaps}}<div class="gap" data-need="{{need}}"><p><strong>Gap:</strong> {{explanation}}</p>
    <ul>{{#services}}<li data-service="{{id}}"><strong>{{title}}</strong>: <span class="failure">{{status}}</span> — {{why}}</li>{{/services}}</ul></div>{{/gaps}}</section>{{/hasGaps}}
    {{/report}}
    """

    /// What a waiting link rests on: a seed study quoted word for word, or a source.
    static let evidence = """
    {{#isQuote}}<blockquote class="evidence">“{{text}}” <small class="cite">quoted from {{source}}</small></blockquote>{{/isQuote}}
    {{^isQuote}}<p class="evidence"><small>Source: {{text}}{{#unverified}} <strong>(not verified: {{unverified}})</strong>{{/unverified}}</small></p>{{/isQuote}}
    """

    /// A deadlock as a picture (see `DeadlockDiagram`): boxes, arrows, the ways out beside.
    static let diagram = """
    <svg xmlns="http://www.w3.org/2000/svg" class="deadlock-diagram" id="{{id}}" role="img" aria-labelledby="{{id}}-title {{id}}-desc" viewBox="0 0 {{width}} {{height}}" width="100%" font-family="system-ui, 'DejaVu Sans', sans-serif">
    <title id="{{id}}-title">{{title}}</title>
    <desc id="{{id}}-desc">{{desc}}</desc>
    <defs><marker id="{{id}}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#6b1f7a"/></marker></defs>
    {{#boxes}}<g class="agency"><rect x="{{x}}" y="{{y}}" width="{{width}}" height="{{height}}" rx="8" fill="#f6eff8" stroke="#6b1f7a" stroke-width="2"/>
    {{#agency}}<text x="{{x}}" y="{{y}}" text-anchor="middle" font-size="14" font-weight="700" fill="#1d2330">{{text}}</text>{{/agency}}
    {{#lines}}<text x="{{x}}" y="{{y}}" text-anchor="middle" font-size="13.5" fill="#1d2330">{{text}}</text>{{/lines}}</g>
    {{/boxes}}
    {{#arrows}}<g class="waits"><title>{{title}}</title><path d="{{path}}" fill="none" stroke="#6b1f7a" stroke-width="2" marker-end="url(#{{id}}-arrow)"/>
    {{#lines}}<text x="{{x}}" y="{{y}}" text-anchor="middle" font-size="13.5" fill="#4a1457">{{text}}</text>{{/lines}}</g>
    {{/arrows}}
    <g class="ways-out"><rect x="{{waysX}}" y="4" width="{{waysWidth}}" height="{{waysHeight}}" rx="6" fill="#fff8e1" stroke="#7a5a00"/>
    {{#waysHeading}}<text x="{{x}}" y="{{y}}" font-size="15" font-weight="700" fill="#7a5a00">{{text}}</text>{{/waysHeading}}
    {{#ways}}<text x="{{x}}" y="{{y}}" font-size="13.5" fill="#1d2330">{{text}}</text>{{/ways}}
    {{#waysDetails}}<text x="{{x}}" y="{{y}}" font-size="12.5" fill="#7a3b00">{{text}}</text>{{/waysDetails}}</g>
    </svg>
    """
}
