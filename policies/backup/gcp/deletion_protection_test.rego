package tollgate.backup.gcp.deletion_protection_test

import data.tollgate.access.gcp.fixtures_test as fx
import data.tollgate.backup.gcp.deletion_protection as dp
import rego.v1

path := "db/spanner.tf"

# resource "google_spanner_database" "orders" {   # line 1
#   name                = "orders"              # line 2
#   deletion_protection = PROTECTION            # line 3
# }                                             # line 4
store(type, fields) := fx.resource(type, "orders", fx.block(path, 1, 4, object.union({"name": "orders"}, fields), {"name": 2, "deletion_protection": 3}))

test_tg_gcp_053_violation if {
	findings := dp.deny with input as store("google_spanner_database", {"deletion_protection": false})
	some f in findings
	f.rule_id == "TG-GCP-053"
	f.location == fx.loc(path, 3)
	f.message == `Spanner database "orders" has deletion protection disabled (deletion_protection = false)`
}

test_tg_gcp_053_compliant if {
	count(fx.ids(dp.deny, "TG-GCP-053")) == 0 with input as store("google_spanner_database", {"deletion_protection": true})
	count(fx.ids(dp.deny, "TG-GCP-053")) == 0 with input as store("google_sql_database_instance", {})
}

test_tg_gcp_053_other_stores_fire if {
	count(fx.ids(dp.deny, "TG-GCP-053")) == 1 with input as store("google_sql_database_instance", {"deletion_protection": "false"})
	count(fx.ids(dp.deny, "TG-GCP-053")) == 1 with input as store("google_bigquery_table", {"deletion_protection": false})
}
