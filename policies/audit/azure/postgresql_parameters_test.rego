package tollgate.audit.azure.postgresql_parameters_test

import data.tollgate.access.azure.fixtures_test as fx
import data.tollgate.audit.azure.postgresql_parameters as pg
import rego.v1

path := "db/pg.tf"

server := fx.resource("azurerm_postgresql_server", "main", fx.block(path, 1, 5, {"name": "pg1", "version": "11"}, {"name": 2, "version": 3}))

config(name, line) := fx.block(path, line, line + 4, {"name": name, "value": "on"}, {"name": line + 1, "value": line + 2})

test_tg_az_108_violation if {
	doc := fx.related(server, {"azurerm_postgresql_configuration": [config("log_connections", 7)]})
	findings := pg.deny with input as doc
	some f in findings
	f.rule_id == "TG-AZ-108"
	f.location == fx.span(path, 1, 5)
	f.message == `PostgreSQL server "main" does not set connection_throttling, log_checkpoints (no azurerm_postgresql_configuration for them refers to the server)`
	count(pg.deny) == 1 with input as server
}

test_tg_az_108_compliant if {
	configs := [config("log_checkpoints", 7), config("LOG_CONNECTIONS", 12), config("connection_throttling", 17)]
	count(pg.deny) == 0 with input as fx.related(server, {"azurerm_postgresql_configuration": configs})
	unknown := [fx.unknown(config("x", 7), "name", 8)]
	count(pg.deny) == 0 with input as fx.related(server, {"azurerm_postgresql_configuration": unknown})
}
