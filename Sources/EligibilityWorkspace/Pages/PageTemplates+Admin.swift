/// The admin's page of teams and roles, and every member's page of API tokens.
extension PageTemplates {
    static let members = """
    {{<layout}}
    {{$title}}Teams and roles · eligcheck workspace{{/title}}
    {{$body}}
    <h1>Teams and roles</h1>
    <p>A member works with the cases of their teams, as their roles allow: the identity provider's ID token names some; the grants here add more, and a revocation takes effect on the member's next request. Grants are kept after they are revoked, with who revoked them and when.</p>
    {{#signInOff}}<p class="notice">Sign-in is off: everyone on this computer is the local user, who may do everything. Grants apply once the workspace runs with sign-in.</p>{{/signInOff}}
    {{#hasProblems}}<div class="errors" role="alert" id="errors"><p>Nothing was granted:</p><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>{{/hasProblems}}
    {{#done}}<p class="notice" role="status" id="done">{{done}}</p>{{/done}}
    <form method="post" action="/admin/members" class="grant" id="grant-form">
    <input type="hidden" name="csrf_token" value="{{csrf}}">
    <label for="subject">Member's subject (the ID token's sub)</label> <input id="subject" name="subject" required maxlength="200" value="{{subject}}">
    <label for="name">Name (for this list)</label> <input id="name" name="name" maxlength="200" value="{{name}}">
    <label for="kind">Grant</label> <select id="kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
    <label for="value">Team, or role ({{roleNames}})</label> <input id="value" name="value" required maxlength="200" value="{{value}}">
    <button type="submit">Grant</button></form>
    <table class="grants" id="grants"><caption>{{active}} active grant(s), {{revoked}} revoked</caption>
    <thead><tr><th scope="col">Member</th><th scope="col">Grant</th><th scope="col">Given</th><th scope="col">Revoked</th><th scope="col"></th></tr></thead>
    <tbody>{{#grants}}<tr id="grant-{{id}}"{{#revokedAt}} class="revoked"{{/revokedAt}}><td>{{name}} <small>({{subject}})</small></td><td>{{kind}}: {{value}}</td><td>{{grantedAt}} by {{grantedBy}}</td><td>{{#revokedAt}}{{revokedAt}} by {{revokedBy}}{{/revokedAt}}</td>
    <td>{{^revokedAt}}<form method="post" action="/admin/members/{{id}}/revoke"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Revoke</button></form>{{/revokedAt}}</td></tr>
    {{/grants}}</tbody></table>
    {{/body}}
    {{/layout}}
    """

    static let tokens = """
    {{<layout}}
    {{$title}}API tokens · eligcheck workspace{{/title}}
    {{$body}}
    <h1>Your API tokens</h1>
    <p>A program that calls the case API (<code>/v1/cases</code>) with <code>Authorization: Bearer</code> and one of your tokens acts as you: the teams and roles your identity provider named when you made the token, with the admin's grants as they are now. Each call is in the access log under your name. A token lives at most {{maxDays}} days; revoke one you no longer use.</p>
    {{#hasProblems}}<div class="errors" role="alert" id="errors"><p>No token was made:</p><ul>{{#problems}}<li>{{.}}</li>{{/problems}}</ul></div>{{/hasProblems}}
    {{#secret}}<div class="notice" role="status" id="new-token"><p>Your new token, shown this once (copy it now; only its fingerprint is kept):</p><p><code id="token-secret">{{secret}}</code></p></div>{{/secret}}
    {{#done}}<p class="notice" role="status" id="done">{{done}}</p>{{/done}}
    <form method="post" action="/account/tokens" class="token" id="token-form">
    <input type="hidden" name="csrf_token" value="{{csrf}}">
    <label for="label">What it is for</label> <input id="label" name="label" required maxlength="200" value="{{label}}">
    <label for="days">Days it lives (1 to {{maxDays}})</label> <input id="days" name="days" inputmode="numeric" required value="{{days}}">
    <button type="submit">Make a token</button></form>
    <table class="tokens" id="tokens"><caption>{{count}} token(s)</caption>
    <thead><tr><th scope="col">For</th><th scope="col">Made (UTC)</th><th scope="col">Expires (UTC)</th><th scope="col">State</th><th scope="col"></th></tr></thead>
    <tbody>{{#tokens}}<tr id="token-{{id}}"><td>{{label}}</td><td>{{createdAt}}</td><td>{{expiresAt}}</td><td>{{state}}</td>
    <td>{{#live}}<form method="post" action="/account/tokens/{{id}}/revoke"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit">Revoke</button></form>{{/live}}</td></tr>
    {{/tokens}}</tbody></table>
    {{/body}}
    {{/layout}}
    """
}
