# Rules that conclude from the absence of a related resource stay silent on plan
# documents, whose input.related is empty because what refers to a resource is unknown
# (input.related_unknown).
package tollgate.audit.gcp.related_unknown_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.audit.gcp.logging
import data.tollgate.audit.gcp.storage
import rego.v1

path := "plan/main.tf"

plan(doc) := object.union(doc, {"related_unknown": true})

test_tg_gcp_070_related_unknown if {
	project := fx.resource("google_project", "prod", fx.block(path, 1, 5, {"name": "acme-prod", "project_id": "acme-prod"}, {"name": 2}))
	count(fx.ids(logging.deny, "TG-GCP-070")) == 1 with input as project
	count(fx.ids(logging.deny, "TG-GCP-070")) == 0 with input as plan(project)
}

test_tg_gcp_072_related_unknown if {
	bucket := fx.resource("google_storage_bucket", "b", fx.block(path, 1, 5, {"name": "acme-data", "location": "EU"}, {"name": 2}))
	count(fx.ids(storage.deny, "TG-GCP-072")) == 1 with input as bucket
	count(fx.ids(storage.deny, "TG-GCP-072")) == 0 with input as plan(bucket)
}
