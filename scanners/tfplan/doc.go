// Package tfplan reads Terraform plans in JSON (`terraform show -json
// PLAN`) into the same documents as the Terraform scanner, one per managed
// resource instance, located in the configuration's .tf files when they lie
// beside the plan and in the plan file otherwise.
//
// # Documents
//
// Each managed resource instance the plan will create, update or keep is
// one document, so that the rules written for Terraform configurations
// apply unchanged:
//
//	input.format   "terraform"
//	input.type     the resource type: "aws_s3_bucket"
//	input.name     the resource name: "logs"
//	input.address  the instance's plan address: "module.storage.aws_s3_bucket.logs[0]"
//	input.path     the file the resource is located in (see Locations)
//	input.resource the planned values ("after" of resource_changes, else
//	               "values" of planned_values); nested blocks are lists
//
// Instances being deleted, deposed objects and data sources are not
// documents. Attributes whose planned value is null are left out, as an
// unset attribute is in a configuration. Values the plan does not know yet
// (after_unknown) are left out and marked unknown, so no rule fires on them;
// an unknown list item is left out of its list.
//
// # Secrets
//
// A sensitive value (after_sensitive, sensitive_values) is replaced by
// "(sensitive value)" and marked `sensitive: true` in its parent's
// __loc.attrs; its strings, and the values of sensitive input variables,
// are added to the document's Secrets. No output prints them.
//
// # Locations
//
// When the directory of the plan file holds the configuration (`.tf` files
// with the `resource "TYPE" "NAME"` block; for a child module, the
// directory its local `source` names in the plan's configuration section),
// every object and attribute is located on the HCL block or attribute it
// came from; nested block items are matched to their blocks by the literal
// values they set. Attributes the configuration does not set (provider
// defaults, computed values) are located on the enclosing block. Otherwise
// the lines are those of the plan JSON itself: run `terraform show -json
// plan | jq .` to get one line per attribute (terraform writes one line).
// The configuration (.tf and .tf.json files) is parsed as the Terraform
// scanner parses it, within its limits, and only its literal values are
// evaluated, to match nested blocks: it is read for its lines, never run.
//
// # Limits
//
// A plan nested deeper than maxNesting (128) levels, or holding more than
// maxContainers (500,000) objects and arrays, is an error at the line where
// the limit is crossed, and is not decoded: decoding with positions costs
// the square of the nesting and about 2 KB an object.
package tfplan
