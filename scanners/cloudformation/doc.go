// Package cloudformation reads AWS CloudFormation templates (YAML, with the
// short-form intrinsic tags, or JSON) into one document per resource, with
// intrinsic functions resolved where the template alone decides their value.
//
// # Documents
//
// Each entry of the template's Resources is one document:
//
//	input.format   "cloudformation"
//	input.type     the resource type: "AWS::S3::Bucket"
//	input.name     the logical id: "LogsBucket"
//	input.address  the logical id
//	input.path     the template
//	input.resource the resource entry as written: {"Type", "Properties",
//	               "DeletionPolicy", "UpdateReplacePolicy", "Condition",
//	               "DependsOn", "Metadata", ...}, each map with its __loc
//
// input.resource.Properties is always a map: a resource written without
// Properties gets an empty one located on the resource, so that a rule can
// test for a missing property without first testing for Properties.
//
// # YAML version
//
// AWS documents that CloudFormation supports YAML 1.1 (without the binary,
// omap, pairs, set and timestamp tags, aliases and merge keys), and AWS's
// own linter, cfn-lint, reads templates with PyYAML. YAML templates are
// therefore decoded with PyYAML's YAML 1.1 rules (yamlpos.PyYAML11): a
// plain `yes`, `on` (or `no`, `off`), in the forms yes, Yes and YES, is a
// boolean, so `PubliclyAccessible: yes` is true; `y` and `n` stay strings
// (PyYAML and SnakeYAML leave them out of YAML 1.1's booleans), a quoted
// "yes" stays a string, `0777` is 511, `1:20` is 80, and an unquoted date
// (AWSTemplateFormatVersion: 2010-09-09) is kept as its text. Aliases and
// merge keys, which CloudFormation refuses, are expanded rather than
// refused, so that their content is checked.
//
// # Intrinsic functions
//
// Short-form tags (`!Ref X`, `!Sub ...`, `!GetAtt A.B`) are read as their
// long form (`{"Ref": "X"}`, `{"Fn::Sub": ...}`, `{"Fn::GetAtt": ["A", "B"]}`)
// and then evaluated:
//
//   - Ref to a parameter with a Default is that default (split at commas for
//     CommaDelimitedList and List<...> parameters); Ref to AWS::NoValue
//     removes the property, as CloudFormation does;
//   - Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap and Fn::Base64
//     are computed when all their arguments are known;
//   - everything else is unknown: Ref to a parameter without a Default, to a
//     resource or to a pseudo parameter (AWS::Region...), Fn::GetAtt,
//     Fn::ImportValue, Fn::GetAZs, Fn::Cidr, and Fn::If, because Conditions
//     are not evaluated.
//
// An unknown property is left out of its map and marked unknown in the
// map's __loc.attrs, so no rule fires on it; an unknown list item is left
// out of its list. A value computed from the template keeps the lines of
// the function call it replaces.
//
// # SAM Globals
//
// In a template of the AWS SAM transform, the Globals section sets
// properties for every resource of a type: Globals.Function for each
// AWS::Serverless::Function, Globals.Api, Globals.HttpApi,
// Globals.SimpleTable, Globals.StateMachine and so on. They are merged into
// each such resource's Properties as the SAM translator merges them, before
// intrinsics are evaluated: the resource's own value wins, maps are merged
// key by key, lists are concatenated (Globals' items first), an intrinsic
// call is one value, and the resource attribute IgnoreGlobals ("*" or a
// list of property names) leaves them out. A property that comes from
// Globals keeps its lines in Globals, so a finding about it points there.
//
// # Secrets
//
// The Default of a NoEcho parameter, and literal string properties whose
// name looks like a credential (MasterUserPassword, SecretString), are
// added to the document's Secrets, so that no output prints them.
package cloudformation
