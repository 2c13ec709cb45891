package tollgate.access.kubernetes.configmap_personal_test

import data.tollgate.access.kubernetes.configmap_personal
import data.tollgate.access.kubernetes.fixtures_test as fx
import rego.v1

#  6 data:
#  7   KEY: VALUE
configmap(key, value) := fx.manifest("v1", "ConfigMap", "settings", {"data": {key: value, "__loc": fx.L(6, 7, {key: 7})}}, {}, 7)

test_tg_k8s_144_violation if {
	f := fx.only(configmap_personal.deny, "TG-K8S-144") with input as configmap("ADMIN_EMAIL", "ops@example.com")
	f.location == fx.at(7, 7)
	f.message == `ConfigMap "settings" holds a key named like personal data in key "ADMIN_EMAIL"`

	g := fx.only(configmap_personal.deny, "TG-K8S-144") with input as configmap("app.properties", "db.url=jdbc:postgresql://db/app\ndb.username=app_rw\n")
	g.message == `ConfigMap "settings" holds a user name, e-mail, phone or IBAN setting in key "app.properties"`

	h := fx.only(configmap_personal.deny, "TG-K8S-144") with input as configmap("notify.yaml", "to: [alice@example.com]\n")
	h.message == `ConfigMap "settings" holds an e-mail address in key "notify.yaml"`

	k := fx.only(configmap_personal.deny, "TG-K8S-144") with input as configmap("payout.txt", "account DE89 3704 0044 0532 0130 00\n")
	k.message == `ConfigMap "settings" holds an IBAN in key "payout.txt"`
}

test_tg_k8s_144_compliant if {
	count(fx.ids(configmap_personal.deny, "TG-K8S-144")) == 0 with input as configmap("LOG_LEVEL", "info")
	count(fx.ids(configmap_personal.deny, "TG-K8S-144")) == 0 with input as configmap("EMAIL_ENABLED", "true")
	count(fx.ids(configmap_personal.deny, "TG-K8S-144")) == 0 with input as configmap("ADMIN_EMAIL", "${ADMIN_EMAIL}")
	count(fx.ids(configmap_personal.deny, "TG-K8S-144")) == 0 with input as configmap("app.properties", "db.username=\ncache.key=sessions\nhash=SHA256\n")
	count(fx.ids(configmap_personal.deny, "TG-K8S-144")) == 0 with input as configmap("nginx.conf", "server { listen 8080; location / { proxy_pass http://web:80; } }")
	count(fx.ids(configmap_personal.deny, "TG-K8S-144")) == 0 with input as fx.with_type(configmap("ADMIN_EMAIL", "ops@example.com"), "Secret")
}
