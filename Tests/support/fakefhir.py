"""A FHIR R4 server on loopback (plain HTTP, as the service allows only for a loopback
entry of its allow-list) over a handful of resources, for the tests of the service's own
queries: `GET [base]/Patient/{id}` and the searches `Condition?patient=&clinical-status=`
and `Consent?patient=&status=`, answered as searchset Bundles of `page_size` entries with
an absolute `next` link (`_page=2`, ...). It accepts one bearer token (else 401 with an
OperationOutcome) and records every request with its Authorization header."""
import http.server
import json
import threading
import time
import urllib.parse
import uuid


def outcome(code, text):
    return {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": text}]}


class FakeFHIRServer:
    def __init__(self, token, resources=(), page_size=2):
        self.token = token
        self.resources = list(resources)
        self.page_size = page_size
        self.requests = []
        # Where next links point; another server's base tests that the service stays home.
        self.next_base = None
        # Resource types whose searches answer with more than 1 MiB.
        self.oversize = set()
        # Seconds to wait before answering, by resource type.
        self.delay = {}
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                owner.requests.append((self.path, self.headers.get("Authorization")))
                kind = urllib.parse.urlsplit(self.path).path[len("/fhir/"):].split("/")[0]
                time.sleep(owner.delay.get(kind, 0))
                status, body = owner.answer(self.path, self.headers.get("Authorization"))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()

    def paths(self):
        return [path for path, _ in self.requests]

    def answer(self, target, authorization):
        url = urllib.parse.urlsplit(target)
        if not url.path.startswith("/fhir/"):
            return 404, outcome("not-found", "no such endpoint")
        if authorization != "Bearer " + self.token:
            return 401, outcome("login", "the access token is not valid")
        kind, _, id = url.path[len("/fhir/"):].partition("/")
        if id:
            for resource in self.resources:
                if resource["resourceType"] == kind and resource["id"] == id:
                    return 200, resource
            return 404, outcome("not-found", f"{kind}/{id} is not known")
        query = urllib.parse.parse_qs(url.query)
        return 200, self.search(kind, query, url.query)

    def search(self, kind, query, raw):
        patient = "Patient/" + query.get("patient", [""])[0]
        wanted = {
            "clinical-status": lambda r, codes: any(c["code"] in codes for c in r.get("clinicalStatus", {}).get("coding", [])),
            "status": lambda r, codes: r.get("status") in codes,
        }
        found = [r for r in self.resources if r["resourceType"] == kind
                 and (r.get("subject") or r.get("patient") or {}).get("reference") == patient]
        for name, test in wanted.items():
            if name in query:
                codes = query[name][0].split(",")
                found = [r for r in found if test(r, codes)]
        page = int(query.get("_page", ["1"])[0])
        shown = found[(page - 1) * self.page_size:page * self.page_size]
        first = "&".join(p for p in raw.split("&") if not p.startswith("_page="))
        bundle = {"resourceType": "Bundle", "id": str(uuid.uuid4()), "type": "searchset", "total": len(found),
                  "link": [{"relation": "self", "url": f"{self.base}/{kind}?{raw}"}],
                  "entry": [{"fullUrl": f"{self.base}/{kind}/{r['id']}", "resource": r, "search": {"mode": "match"}}
                            for r in shown]}
        if page * self.page_size < len(found):
            bundle["link"].append({"relation": "next", "url": f"{self.next_base or self.base}/{kind}?{first}&_page={page + 1}"})
        if kind in self.oversize:
            notice = {"resourceType": "OperationOutcome",
                      "issue": [{"severity": "information", "code": "informational", "diagnostics": "x" * (1 << 20)}]}
            bundle["entry"].append({"resource": notice, "search": {"mode": "outcome"}})
        return bundle
