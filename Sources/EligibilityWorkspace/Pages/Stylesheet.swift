/// The pages' one stylesheet, served from `/assets/workspace.css` (no external assets).
/// Statuses carry a word as well as a colour; on paper the navigation and buttons go.
enum Stylesheet {
    static let css = """
    :root { --ink: #1d2330; --muted: #556; --line: #c9ced8; --bg: #f6f7f9; --accent: #1f5fa8;
      --ok: #1e6b34; --reach: #1f5fa8; --info: #7a5a00; --bad: #9b1c1c; --lock: #6b1f7a; --no: #555; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.45 system-ui, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
    a { color: var(--accent); }
    :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 9; }
    header.top { display: flex; justify-content: space-between; align-items: center; padding: 8px 20px; background: #243447; color: #fff; }
    header.top a { color: #fff; margin-right: 16px; } header.top .brand { font-weight: 700; }
    header.top .rules { margin: 0; font-size: 13px; opacity: .85; }
    main { padding: 12px 20px 40px; max-width: 1400px; margin: 0 auto; }
    h1 { margin: 8px 0; font-size: 26px; } h2 { font-size: 20px; } h3 { font-size: 17px; margin: 16px 0 6px; }
    .meta { color: var(--muted); font-size: 14px; margin-top: 0; }
    table { border-collapse: collapse; width: 100%; background: #fff; }
    th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
    caption { text-align: left; color: var(--muted); padding: 4px 0; }
    .button, button { display: inline-block; font: inherit; padding: 7px 14px; border-radius: 4px; border: 1px solid var(--accent);
      background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
    button.secondary { background: #fff; color: var(--accent); }
    button.destructive { background: #fff; color: var(--bad); border-color: var(--bad); }
    .notice { background: #e8f1fb; border-left: 5px solid var(--accent); padding: 8px 14px; margin: 10px 0; }
    .conflict, .errors { background: #fdecec; border-left: 5px solid var(--bad); padding: 8px 14px; margin: 10px 0; }
    .columns { display: grid; grid-template-columns: minmax(320px, 1fr) minmax(360px, 1.1fr); gap: 20px; align-items: start; }
    @media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
    form.facts { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
    fieldset.topic { border: 0; border-top: 2px solid var(--line); margin: 10px 0 0; padding: 6px 0; }
    fieldset.topic > legend { font-weight: 700; font-size: 17px; padding-right: 8px; }
    details.topic { border-top: 2px solid var(--line); margin: 10px 0 0; padding: 6px 0; }
    details.topic > summary { font-weight: 700; font-size: 17px; cursor: pointer; padding: 2px 0; }
    details.topic > summary .count { font-weight: 400; font-size: 14px; color: var(--muted); }
    details.topic.kept > summary { color: var(--info); }
    .country-note { background: #e8f1fb; border-left: 5px solid var(--accent); padding: 6px 12px; margin: 10px 0; }
    .field { margin: 8px 0 12px; padding: 4px 6px; border-radius: 4px; }
    .field.open { background: #fff8e1; }
    .field.invalid { background: #fdecec; }
    .field > label, fieldset.choice > legend { display: block; font-weight: 600; margin-bottom: 3px; }
    fieldset.choice { border: 0; margin: 0; padding: 0; } fieldset.choice label { margin-right: 14px; font-weight: 400; }
    input[type=text], input:not([type]), input[type=number], input[type=date], select, textarea { font: inherit; padding: 5px 7px;
      border: 1px solid #8a93a3; border-radius: 4px; max-width: 100%; }
    textarea { width: 100%; font-family: "DejaVu Sans Mono", monospace; font-size: 14px; }
    .hint { margin: 2px 0 0; font-size: 13px; color: var(--muted); }
    .error { margin: 2px 0 0; color: var(--bad); font-weight: 600; }
    .actions { position: sticky; top: 0; background: #fff; padding: 8px 0; z-index: 2; display: flex; gap: 10px; align-items: center; }
    .unsaved { color: var(--info); font-weight: 600; }
    section.result { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; position: sticky; top: 8px;
      max-height: calc(100vh - 16px); overflow: auto; }
    .bottom-line { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; font-size: 16px; padding: 8px 10px;
      background: #eef2f7; border-radius: 4px; margin: 8px 0; }
    .bottom-line dt { font-weight: 700; } .bottom-line dd { margin: 0; }
    ol.questions li { margin-bottom: 4px; } .decides { color: var(--muted); font-size: 13px; }
    ul.services { list-style: none; padding: 0; margin: 0; }
    li.service { border-left: 5px solid var(--line); padding: 4px 10px; margin: 6px 0; background: #fafbfc; }
    li.service p { margin: 2px 0; }
    .badge { display: inline-block; font-size: 12px; font-weight: 700; text-transform: uppercase; padding: 1px 6px; border-radius: 3px; color: #fff; background: var(--no); }
    .status-eligible .badge { background: var(--ok); } li.status-eligible { border-color: var(--ok); }
    .status-reachable .badge { background: var(--reach); } li.status-reachable { border-color: var(--reach); }
    .status-needs_info .badge { background: var(--info); } li.status-needs_info { border-color: var(--info); }
    .status-blocked .badge { background: var(--bad); } li.status-blocked { border-color: var(--bad); }
    .status-deadlocked .badge { background: var(--lock); } li.status-deadlocked { border-color: var(--lock); }
    .agency { color: var(--muted); font-size: 14px; } .cite { display: block; color: var(--muted); font-size: 12px; }
    .deadlock { border: 2px solid var(--lock); border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
    figure.diagram { margin: 6px 0; } svg.deadlock-diagram { display: block; max-width: 100%; height: auto; }
    td.next-deadline time, td.due time { font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .readable, .from { color: var(--muted); font-size: 14px; } .passed { color: var(--bad); }
    .no-date, td .none { color: var(--muted); font-style: italic; } thead th a { color: inherit; }
    .alert { background: #fdecec; border: 3px solid var(--bad); border-radius: 6px; padding: 8px 12px; margin: 8px 0;
      font-weight: 600; } .alert strong { color: var(--bad); text-transform: uppercase; }
    .after-acute { color: var(--bad); font-size: .9em; }
    .gap { border: 2px solid var(--info); border-radius: 6px; padding: 4px 12px; margin: 8px 0; } .failure { font-weight: 700; }
    .alternatives { border: 1px dashed var(--info); border-radius: 6px; padding: 6px 12px; margin: 8px 0; }
    .cost { color: var(--bad); } .deadline { color: var(--info); font-weight: 600; }
    blockquote { margin: 4px 0 4px 12px; padding-left: 8px; border-left: 3px solid var(--line); font-style: italic; }
    section.history, section.danger { margin-top: 24px; }
    .change { display: inline-block; margin-right: 10px; }
    html:not(.js) .js-only { display: none; }
    @media print {
      @page { margin: 16mm 14mm; }
      body { font-size: 11pt; background: #fff; }
      .screen-only, header.top, .skip, nav, button { display: none !important; }
      main { padding: 0; max-width: none; }
      table { page-break-inside: auto; } tr, .deadlock { page-break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
      h2 { font-size: 14pt; margin-top: 14pt; }
    }
    """
}
