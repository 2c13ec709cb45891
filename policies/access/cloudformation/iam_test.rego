package tollgate.access.cloudformation.iam_test

import data.tollgate.access.cloudformation.fixtures_test as fx
import data.tollgate.access.cloudformation.iam
import rego.v1

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

statement_order := ["Effect", "Principal", "Action", "Resource", "Condition"]

# statement(fields, start) is a statement whose fields are on consecutive lines from start,
# in the order of statement_order.
statement(fields, start) := fx.M(start, (start + count(fields)) - 1, attrs, fields) if {
	keys := [k | some k in statement_order; k in object.keys(fields)]
	attrs := {k: line | some i, k in keys; line := start + i}
}

#  1 DeployPolicy:
#  2   Type: TYPE
#  3   Properties:
#  4     PolicyName: deploy
#  5     PolicyDocument:
#  6       Version: "2012-10-17"
#  7       Statement:
#  8         - Effect: Allow
#  9           Action: "*"
# 10           Resource: "*"
policy_doc(typ, fields) := fx.resource(
	typ, "DeployPolicy", {
		"PolicyName": "deploy",
		"PolicyDocument": fx.M(5, 10, {"Version": 6, "Statement": [7, 10]}, {"Version": "2012-10-17", "Statement": [statement(fields, 8)]}),
	},
	{"PolicyName": 4}, 10,
)

test_tg_cfn_009_violation if {
	findings := iam.deny with input as policy_doc("AWS::IAM::ManagedPolicy", admin)
	f := fx.only(findings, "TG-CFN-009")
	f.location == fx.at(8, 10)
	f.message == `IAM managed policy "DeployPolicy" allows every action on every resource (Action "*", Resource "*")`
}

test_tg_cfn_009_compliant if {
	count(fx.ids(iam.deny, "TG-CFN-009")) == 0 with input as policy_doc("AWS::IAM::Policy", object.union(admin, {"Action": "s3:*"}))
	count(fx.ids(iam.deny, "TG-CFN-009")) == 0 with input as policy_doc("AWS::IAM::Policy", object.union(admin, {"Resource": "arn:aws:s3:::orders/*"}))
	count(fx.ids(iam.deny, "TG-CFN-009")) == 0 with input as policy_doc("AWS::IAM::Policy", object.union(admin, {"Effect": "Deny"}))
}

test_tg_cfn_009_every_policy_kind if {
	every typ in ["AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"] {
		count(fx.ids(iam.deny, "TG-CFN-009")) == 1 with input as policy_doc(typ, object.union(admin, {"Action": ["*:*"], "Resource": ["*"]}))
	}
}

#  1 AppRole:
#  2   Type: AWS::IAM::Role
#  3   Properties:
#  4     AssumeRolePolicyDocument:
#  5       Statement:
#  6         - Effect: Allow
#  7           Principal: ...
#  8           Action: sts:AssumeRole
#  9     Policies:
# 10       - PolicyName: everything
# 11         PolicyDocument:
# 12           Statement:
# 13             - Effect: Allow
# 14               Action: "*"
# 15               Resource: "*"
# 16     ManagedPolicyArns:
# 17       - arn:aws:iam::aws:policy/AdministratorAccess
role(trust, inline, arns) := fx.resource(
	"AWS::IAM::Role", "AppRole", object.union(
		{"AssumeRolePolicyDocument": fx.M(4, 8, {"Statement": [5, 8]}, {"Statement": [statement(trust, 6)]})},
		object.union(policies(inline), managed(arns)),
	),
	object.union({"Policies": [9, 15]}, {"ManagedPolicyArns": [16, 17]}), 17,
)

policies(null) := {}

policies(fields) := {"Policies": [fx.M(10, 15, {"PolicyName": 10}, {
	"PolicyName": "everything",
	"PolicyDocument": fx.M(11, 15, {"Statement": [12, 15]}, {"Statement": [statement(fields, 13)]}),
})]} if fields != null

managed(null) := {}

managed(arns) := {"ManagedPolicyArns": arns} if arns != null

ec2_trust := {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}

test_tg_cfn_009_role_inline_policy if {
	findings := iam.deny with input as role(ec2_trust, admin, null)
	f := fx.only(findings, "TG-CFN-009")
	f.location == fx.at(13, 15)
	f.message == `IAM role "AppRole" has an inline policy "everything" that allows every action on every resource (Action "*", Resource "*")`
}

test_tg_cfn_009_role_administrator_access if {
	findings := iam.deny with input as role(ec2_trust, null, ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"])
	f := fx.only(findings, "TG-CFN-009")
	f.location == fx.at(16, 17)
	f.message == `IAM role "AppRole" attaches the AdministratorAccess policy (ManagedPolicyArns)`
	count(fx.ids(iam.deny, "TG-CFN-009")) == 0 with input as role(ec2_trust, null, ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
}

test_tg_cfn_009_json_string_document if {
	doc := fx.resource(
		"AWS::IAM::Policy", "DeployPolicy", {
			"PolicyName": "deploy",
			"PolicyDocument": `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}`,
		},
		{"PolicyName": 4, "PolicyDocument": [5, 6]}, 6,
	)
	fx.only(iam.deny, "TG-CFN-009").location == fx.at(5, 6) with input as doc
}

test_tg_cfn_010_violation if {
	findings := iam.deny with input as role(object.union(ec2_trust, {"Principal": "*"}), null, null)
	f := fx.only(findings, "TG-CFN-010")
	f.location == fx.at(6, 8)
	f.message == `IAM role "AppRole" can be assumed by anyone (trust policy allows Principal "*" with no Condition)`
}

test_tg_cfn_010_compliant if {
	count(fx.ids(iam.deny, "TG-CFN-010")) == 0 with input as role(ec2_trust, null, null)

	# A wildcard narrowed by a condition (an organization, an external id) is not public.
	narrowed := object.union(ec2_trust, {
		"Principal": fx.M(7, 8, {"AWS": 8}, {"AWS": "*"}),
		"Condition": fx.M(9, 10, {}, {"StringEquals": fx.M(10, 10, {"aws:PrincipalOrgID": 10}, {"aws:PrincipalOrgID": "o-a1b2c3d4e5"})}),
	})
	count(fx.ids(iam.deny, "TG-CFN-010")) == 0 with input as role(narrowed, null, null)
}

test_tg_cfn_010_aws_wildcard if {
	count(fx.ids(iam.deny, "TG-CFN-010")) == 1 with input as role(object.union(ec2_trust, {"Principal": fx.M(7, 8, {"AWS": 8}, {"AWS": "*"})}), null, null)
}

test_tg_cfn_010_unknown_principal_does_not_fire if {
	doc := json.patch(role(object.union(ec2_trust, {"Principal": "*"}), null, null), [
		{"op": "remove", "path": "/resource/Properties/AssumeRolePolicyDocument/Statement/0/Principal"},
		{"op": "add", "path": "/resource/Properties/AssumeRolePolicyDocument/Statement/0/__loc/attrs/Principal", "value": fx.U(7)},
	])
	count(fx.ids(iam.deny, "TG-CFN-010")) == 0 with input as doc
}

#  1 Deployer:
#  2   Type: AWS::IAM::User
#  3   Properties:
#  4     Groups: [deployers]
#  5     ManagedPolicyArns: ...
user(props, attrs) := fx.resource("AWS::IAM::User", "Deployer", object.union({"Groups": ["deployers"]}, props), object.union({"Groups": 4}, attrs), 8)

test_tg_cfn_011_violation if {
	findings := iam.deny with input as user({"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}, {"ManagedPolicyArns": [5, 6]})
	f := fx.only(findings, "TG-CFN-011")
	f.location == fx.at(5, 6)
	f.message == `IAM user "Deployer" has managed policies attached (ManagedPolicyArns); attach them to a group`
}

test_tg_cfn_011_compliant if {
	count(fx.ids(iam.deny, "TG-CFN-011")) == 0 with input as user({}, {})
	count(fx.ids(iam.deny, "TG-CFN-011")) == 0 with input as policy_doc("AWS::IAM::ManagedPolicy", object.union(admin, {"Action": "s3:GetObject"}))
}

test_tg_cfn_011_inline_policies if {
	doc := user({"Policies": [fx.M(6, 8, {"PolicyName": 6}, {"PolicyName": "p", "PolicyDocument": fx.M(7, 8, {}, {})})]}, {"Policies": [5, 8]})
	fx.only(iam.deny, "TG-CFN-011").location == fx.at(5, 8) with input as doc
}

test_tg_cfn_011_policy_users_referenced if {
	# Users: [!Ref Deployer]: the reference is unknown and left out of the list.
	doc := json.patch(policy_doc("AWS::IAM::Policy", object.union(admin, {"Action": "s3:GetObject"})), [
		{"op": "add", "path": "/resource/Properties/Users", "value": []},
		{"op": "add", "path": "/resource/Properties/__loc/attrs/Users", "value": {"start_line": 11, "end_line": 12}},
	])
	f := fx.only(iam.deny, "TG-CFN-011") with input as doc
	f.location == fx.at(11, 12)
	f.message == `IAM policy "DeployPolicy" is attached to users (Users); attach it to a group`
}

test_tg_cfn_011_user_policy if {
	fx.only(iam.deny, "TG-CFN-011").location == fx.at(1, 10) with input as policy_doc("AWS::IAM::UserPolicy", object.union(admin, {"Action": "s3:GetObject"}))
}

#  1 CiKey:
#  2   Type: AWS::IAM::AccessKey
#  3   Properties:
#  4     UserName: ci
#  5     Status: ...
access_key(props, attrs) := fx.resource("AWS::IAM::AccessKey", "CiKey", object.union({"UserName": "ci"}, props), object.union({"UserName": 4}, attrs), 5)

test_tg_cfn_012_violation if {
	f := fx.only(iam.deny, "TG-CFN-012") with input as access_key({"Status": "Active"}, {"Status": 5})
	f.location == fx.at(1, 5)
	f.message == `IAM access key "CiKey" creates a long-lived access key for a user`
	count(fx.ids(iam.deny, "TG-CFN-012")) == 1 with input as access_key({}, {})
}

test_tg_cfn_012_compliant if {
	count(fx.ids(iam.deny, "TG-CFN-012")) == 0 with input as access_key({"Status": "Inactive"}, {"Status": 5})
}

test_tg_cfn_012_unknown_does_not_fire if {
	count(fx.ids(iam.deny, "TG-CFN-012")) == 0 with input as access_key({}, {"Status": fx.U(5)})
}
