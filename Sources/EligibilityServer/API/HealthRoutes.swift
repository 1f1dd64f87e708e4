import Eligibility
import Hummingbird

/// `GET /healthz`: the server answers, and with which rules.
struct HealthRoutes {
    let rules: CurrentRules

    func add(to router: Router<EligibilityRequestContext>) {
        router.get("healthz") { _, _ in
            let version = rules.current.version
            var w = JSONWriter(pretty: false)
            w.object { w in
                w.key("status"); w.string("ok")
                w.key("rules"); w.string(version)
            }
            return Response.json(w.text + "\n", status: .ok)
        }
    }
}
