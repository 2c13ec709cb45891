package tollgate.audit.sbom.packages

import data.tollgate.lib
import rego.v1

packages := [p | some p in input.resource.packages; is_object(p)]

# subject names what the SBOM describes, in messages.
subject := "image" if input.type == "container_image"

else := "source tree"

describe(pkg) := sprintf("%s %s", [object.get(pkg, "name", ""), object.get(pkg, "version", "")]) if {
	is_string(pkg.version)
	pkg.version != ""
} else := sprintf("%s", [object.get(pkg, "name", "")])

# license_id(x) is the SPDX id x in a comparable form: lower case, with the deprecated
# GPL-family forms (GPL-2.0, GPL-2.0+) spelt -only and -or-later.
license_id(x) := concat("", [trim_suffix(l, "+"), "-or-later"]) if {
	l := lower(x)
	endswith(l, "+")
} else := concat("", [l, "-only"]) if {
	l := lower(x)
	regex.match(`^(a|l)?gpl-[0-9.]+$`, l)
} else := lower(x)

# license_ids(expr) is the set of license ids of an SPDX expression.
license_ids(expr) := {license_id(t) |
	some t in regex.split(`[\s()]+`, expr)
	t != ""
	not upper(t) in {"AND", "OR", "WITH"}
}

denied := {license_id(d) | some d in lib.param("denied_licenses"); is_string(d)}

# denied_expression(expr) holds when the expression imposes a denied license: one of its
# licenses is denied, or, for a choice (A OR B), all of them are.
denied_expression(expr) if {
	not regex.match(`(?i)\sOR\s`, expr)
	count(license_ids(expr) & denied) > 0
}

denied_expression(expr) if {
	regex.match(`(?i)\sOR\s`, expr)
	ids := license_ids(expr)
	count(ids - denied) == 0
}

# METADATA
# title: Package has a denied license
# description: |
#   A package of the image's SBOM is licensed under a license the organisation denies
#   (parameter denied_licenses: AGPL and SSPL by default): shipping the image may oblige you
#   to publish your source code or breach the license. SPDX expressions are understood: a
#   choice (A OR B) is reported only when every alternative is denied.
# related_resources:
# - https://spdx.org/licenses/
# - https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/
# custom:
#   id: TG-SBOM-001
#   severity: high
#   category: audit
#   provider: sbom
#   remediation: Replace the package with one under an approved license, or get a legal review and record an exception for it.
#   frameworks:
#     nist-800-53: ["CM-10"]
deny contains finding if {
	input.type in {"container_image", "source_tree"}
	some pkg in packages
	some expr in pkg.licenses
	is_string(expr)
	denied_expression(expr)
	msg := sprintf("%s %q contains package %s (%s) under denied license %s", [subject, input.name, describe(pkg), object.get(pkg, "type", ""), expr])
	finding := lib.finding(rego.metadata.rule(), lib.loc(pkg), msg)
}

# banned(pkg, entry) holds when an entry of banned_packages names the package: its name,
# or a package URL without version (pkg:npm/event-stream).
banned(pkg, entry) if lower(entry) == lower(pkg.name)

banned(pkg, entry) if {
	startswith(entry, "pkg:")
	is_string(pkg.purl)
	base := split(split(pkg.purl, "?")[0], "@")[0]
	lower(base) == lower(entry)
}

# METADATA
# title: Image contains a banned package
# description: |
#   A package of the image's SBOM is on the organisation's list of banned packages
#   (parameter banned_packages, empty by default), given by name or by package URL without
#   version (pkg:npm/event-stream): a library withdrawn for security, licensing or support
#   reasons.
# related_resources:
# - https://github.com/package-url/purl-spec
# custom:
#   id: TG-SBOM-002
#   severity: high
#   category: audit
#   provider: sbom
#   remediation: Remove the package or replace it with the approved alternative, then rebuild the image.
#   frameworks:
#     nist-800-53: ["CM-7", "CM-10"]
#     soc2: ["CC6.8"]
deny contains finding if {
	input.type in {"container_image", "source_tree"}
	some pkg in packages
	is_string(pkg.name)
	some entry in lib.param("banned_packages")
	is_string(entry)
	banned(pkg, entry)
	msg := sprintf("%s %q contains banned package %s (%s)", [subject, input.name, describe(pkg), object.get(pkg, "type", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(pkg), msg)
}

has_license(pkg) if {
	some l in pkg.licenses
	is_string(l)
	trim_space(l) != ""
}

# METADATA
# title: Package has no license
# description: |
#   The SBOM records no license for a package of the image: its terms of use are unknown,
#   so license compliance cannot be checked for it (and denied licenses, TG-SBOM-001, not
#   found).
# related_resources:
# - https://spdx.github.io/spdx-spec/v2.3/package-information/#713-concluded-license-field
# custom:
#   id: TG-SBOM-003
#   severity: low
#   category: audit
#   provider: sbom
#   remediation: Find the package's license (upstream metadata, copyright files kept in the image) and record it, or replace the package.
#   frameworks:
#     nist-800-53: ["CM-8", "CM-10"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "container_image"
	some pkg in packages
	not has_license(pkg)
	msg := sprintf("%s %q contains package %s (%s) with no license", [subject, input.name, describe(pkg), object.get(pkg, "type", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(pkg), msg)
}

has_version(pkg) if {
	is_string(pkg.version)
	trim_space(pkg.version) != ""
}

# METADATA
# title: Package has no version
# description: |
#   The SBOM records no version for a package of the image: vulnerability advisories cannot
#   be matched against it, and the inventory does not say what exactly is shipped.
# related_resources:
# - https://spdx.github.io/spdx-spec/v2.3/package-information/#73-package-version-field
# custom:
#   id: TG-SBOM-004
#   severity: low
#   category: audit
#   provider: sbom
#   remediation: Install the component through a package manager, or record its version in metadata the SBOM generator reads (package manifest, lock file, Go build info).
#   frameworks:
#     nist-800-53: ["CM-8"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "container_image"
	some pkg in packages
	not has_version(pkg)
	msg := sprintf("%s %q contains package %q (%s) with no version", [subject, input.name, object.get(pkg, "name", ""), object.get(pkg, "type", "")])
	finding := lib.finding(rego.metadata.rule(), lib.loc(pkg), msg)
}

# METADATA
# title: Image SBOM is empty
# description: |
#   No package was catalogued in the image: it holds no package database, manifest or
#   binary metadata the SBOM generator reads, so its contents, their versions and their
#   licenses cannot be inventoried or checked.
# related_resources:
# - https://github.com/anchore/syft#supported-ecosystems
# custom:
#   id: TG-SBOM-005
#   severity: low
#   category: audit
#   provider: sbom
#   remediation: Build from a base image with a package database, install components through package managers, and keep Go build info (do not strip it) so that the contents can be catalogued.
#   frameworks:
#     nist-800-53: ["CM-8"]
#     pci-dss-4.0: ["6.3.2"]
deny contains finding if {
	input.type == "container_image"
	is_array(input.resource.packages)
	count(packages) == 0
	msg := sprintf("image %q has an empty SBOM: no package was catalogued", [input.name])
	finding := lib.finding(rego.metadata.rule(), lib.loc(input.resource), msg)
}
