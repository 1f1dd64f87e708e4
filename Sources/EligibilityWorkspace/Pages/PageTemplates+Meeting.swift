extension PageTemplates {
    /// A meeting's form: its date, who takes part, what was agreed (by whom, by when), notes.
    static let meeting = """
    {{<layout}}
    {{$title}}{{heading}} · {{caseLabel}} · eligcheck workspace{{/title}}
    {{$body}}
    <h1>{{heading}}</h1>
    <p class="meta">Case <a href="/cases/{{caseId}}">{{caseLabel}}</a>{{#printLink}} · <a href="{{printLink}}" id="meeting-print">{{printWord}}</a>{{/printLink}}</p>
    {{#errorCount}}<div class="errors" role="alert" id="errors"><p>Nothing was saved: {{errorCount}} field(s) need a look.</p>
    <ul>{{#errorList}}<li>{{.}}</li>{{/errorList}}</ul></div>{{/errorCount}}
    <form method="post" action="{{action}}" class="meeting" id="meeting-form">
    <input type="hidden" name="csrf_token" value="{{csrf}}">
    <div class="field"><label for="date">Date of the meeting</label>
    <input type="date" id="date" name="date" value="{{date}}" required></div>
    <fieldset class="topic"><legend>Who takes part</legend>
    <table class="rows"><thead><tr><th scope="col">Agency</th><th scope="col">Role</th><th scope="col">Name</th></tr></thead><tbody>
    {{#participants}}<tr><td><input aria-label="Agency of participant {{number}}" name="participant_agency_{{index}}" value="{{agency}}"></td>
    <td><input aria-label="Role of participant {{number}}" name="participant_role_{{index}}" value="{{role}}"></td>
    <td><input aria-label="Name of participant {{number}}" name="participant_name_{{index}}" value="{{name}}"></td></tr>
    {{/participants}}</tbody></table></fieldset>
    <fieldset class="topic"><legend>Agreed actions (the minutes)</legend>
    <table class="rows"><thead><tr><th scope="col">What</th><th scope="col">Who does it</th><th scope="col">Due</th></tr></thead><tbody>
    {{#agreed}}<tr><td><input aria-label="Agreed action {{number}}" name="agreed_what_{{index}}" value="{{what}}"></td>
    <td><input aria-label="Who does agreed action {{number}}" name="agreed_owner_{{index}}" value="{{owner}}"></td>
    <td><input type="date" aria-label="Due date of agreed action {{number}}" name="agreed_due_{{index}}" value="{{due}}"></td></tr>
    {{/agreed}}</tbody></table>
    <p class="hint">Save to get more empty rows.</p></fieldset>
    <div class="field"><label for="notes">Notes</label>
    <textarea id="notes" name="notes" rows="5">{{notes}}</textarea></div>
    {{^readOnly}}<p><button type="submit" id="save-meeting">Save the meeting</button></p>{{/readOnly}}
    </form>
    {{/body}}
    {{/layout}}
    """

    /// The meeting at the head of the print view: its agenda before the day, its minutes after.
    static let meetingPrint = """
    <section class="meeting" id="meeting">
    <style>.meeting table{border-collapse:collapse;margin:8px 0 12px}.meeting caption{text-align:left;font-weight:600}
    .meeting th,.meeting td{border:1px solid #c8ccd2;padding:4px 8px;text-align:left;vertical-align:top}.meeting .notes{white-space:pre-wrap}</style>
    <h2>{{heading}}</h2>
    <p>{{intro}}</p>
    {{#hasParticipants}}<table><caption>Taking part</caption><thead><tr><th scope="col">Agency</th><th scope="col">Role</th><th scope="col">Name</th></tr></thead><tbody>
    {{#participants}}<tr><td>{{agency}}</td><td>{{role}}</td><td>{{name}}</td></tr>{{/participants}}</tbody></table>{{/hasParticipants}}
    {{#held}}{{#hasAgreed}}<table><caption>Agreed</caption><thead><tr><th scope="col">What</th><th scope="col">Who</th><th scope="col">Due</th></tr></thead><tbody>
    {{#agreed}}<tr><td>{{what}}</td><td>{{owner}}</td><td>{{due}}</td></tr>{{/agreed}}</tbody></table>{{/hasAgreed}}
    {{^hasAgreed}}<p>Nothing was recorded as agreed.</p>{{/hasAgreed}}
    {{#notes}}<h3>Notes</h3><p class="notes">{{notes}}</p>{{/notes}}{{/held}}
    {{^held}}<p>To go through: the plan below, step by step; the open questions; who does what by when.</p>{{/held}}
    </section>
    """
}
