package tollgate.encryption.cloudformation.glue_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.encryption.cloudformation.glue
import rego.v1

#  1 Etl:
#  2   Type: AWS::Glue::Job
#  3   Properties:
#  4     Role: glue
#  5     SecurityConfiguration: etl
test_tg_cfn_147_violation if {
	f := fx.only(glue.deny, "TG-CFN-147") with input as fx.resource("AWS::Glue::Job", "Etl", {"Role": "glue"}, {"Role": 4}, 4)
	f.location == fx.at(3, 4)
	f.message == `Glue job "Etl" has no security configuration (SecurityConfiguration is not set)`

	g := fx.only(glue.deny, "TG-CFN-147") with input as fx.resource("AWS::Glue::Crawler", "Crawl", {"Role": "glue", "SecurityConfiguration": "etl"}, {"Role": 4, "SecurityConfiguration": 5}, 5)
	g.message == `Glue crawler "Crawl" has no security configuration (CrawlerSecurityConfiguration is not set)`
}

test_tg_cfn_147_compliant if {
	count(fx.ids(glue.deny, "TG-CFN-147")) == 0 with input as fx.resource("AWS::Glue::Job", "Etl", {"Role": "glue", "SecurityConfiguration": "etl"}, {"Role": 4, "SecurityConfiguration": 5}, 5)
	count(fx.ids(glue.deny, "TG-CFN-147")) == 0 with input as fx.resource("AWS::Glue::DevEndpoint", "Dev", {"RoleArn": "glue"}, {"RoleArn": 4, "SecurityConfiguration": fx.U(5)}, 5)
}
