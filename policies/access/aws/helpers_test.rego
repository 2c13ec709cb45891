package tollgate.access.aws.helpers_test

import data.tollgate.access.aws.helpers
import rego.v1

test_tls_version_of_named_policies if {
	helpers.tls_version("ELBSecurityPolicy-2016-08") == 1.0
	helpers.tls_version("ELBSecurityPolicy-TLS-1-1-2017-01") == 1.1
	helpers.tls_version("ELBSecurityPolicy-TLS13-1-3-2021-06") == 1.3
	helpers.tls_version("ELBSecurityPolicy-FS-1-2-Res-2020-10") == 1.2
	helpers.tls_version("TLSv1_2016") == 1.0
	helpers.tls_version("TLSv1.2_2021") == 1.2
	helpers.tls_version("SSLv3") == 0.3
	helpers.tls_version("TLS_1_0") == 1.0
	helpers.tls_version("SecurityPolicy_TLS13_1_3_2025_09") == 1.3
	helpers.tls_version("Policy-Min-TLS-1-2-PFS-2023-10") == 1.2
}

test_tls_version_of_unknown_names_is_undefined if {
	not helpers.tls_version("MyCustomPolicy")
	not helpers.tls_version(12)
}

test_below_min_tls_follows_the_parameter if {
	helpers.below_min_tls(1.1)
	not helpers.below_min_tls(1.2)
	helpers.below_min_tls(1.2) with data.config.params as {"min_tls_version": "1.3"}
	not helpers.below_min_tls(1.0) with data.config.params as {"min_tls_version": 1.0}
}

test_statements_of_strings_and_objects if {
	count(helpers.statements(`{"Statement": {"Effect": "Allow"}}`)) == 1
	count(helpers.statements({"Statement": [{"Effect": "Allow"}, "junk"]})) == 1
	helpers.statements("{broken") == []
	helpers.statements(42) == []
}

test_public_statement if {
	helpers.public_statement({"Effect": "Allow", "Principal": "*"})
	helpers.public_statement({"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "*"]}, "Condition": {}})
	not helpers.public_statement({"Effect": "Allow", "Principal": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}})
	not helpers.public_statement({"Effect": "Deny", "Principal": "*"})
	not helpers.public_statement({"Effect": "Allow", "Principal": {"Service": "*"}})
}

test_grants_with_wildcards_and_not_action if {
	helpers.grants({"Action": "S3:Put*"}, "s3:putobject")
	helpers.grants({"Action": ["s3:Get?bject"]}, "s3:getobject")
	not helpers.grants({"Action": "s3:Get*"}, "s3:putobject")
	helpers.grants({"NotAction": "s3:Delete*"}, "s3:putobject")
	not helpers.grants({"NotAction": ["s3:Put*"]}, "s3:putobject")
	not helpers.grants({"Action": "s3:[bad"}, "s3:putobject")
}

test_number_and_off if {
	helpers.number("35") == 35
	helpers.number(7) == 7
	not helpers.number("seven")
	helpers.off({"encrypted": "false"}, "encrypted") == "encrypted = false"
	helpers.off({}, "encrypted") == "encrypted is not set, default false"
	not helpers.off({"encrypted": true}, "encrypted")
	not helpers.off({"__loc": {"attrs": {"encrypted": {"unknown": true}}}}, "encrypted")
}

test_related_reads_input if {
	helpers.has_related("aws_flow_log") with input as {"related": {"aws_flow_log": [{}]}}
	not helpers.has_related("aws_flow_log") with input as {"related": {"aws_flow_log": []}}
	not helpers.has_related("aws_flow_log") with input as {}
}
