#!/usr/bin/env bash
# The GitHub Action's scan step: maps the action inputs (TOLLGATE_* env) to
# `tollgate scan` flags, writes the step summary and the step outputs, and
# exits with tollgate's exit code (0 passed, 1 failed, 2 error).
set -uo pipefail
set -f # inputs are patterns and paths: never expanded by this shell

bin=${TOLLGATE_BIN:-tollgate}
args=(scan)
read -r -a targets <<< "$(echo "${TOLLGATE_TARGETS:-.}" | tr '\n' ' ')"
args+=("${targets[@]}")
for img in $(echo "${TOLLGATE_IMAGES:-}" | tr '\n' ' '); do args+=(--image "$img"); done
[ -n "${TOLLGATE_FAIL_ON:-}" ] && args+=(--fail-on "$TOLLGATE_FAIL_ON")
sarif=${TOLLGATE_SARIF_FILE:-tollgate.sarif}
args+=(--format table --format "sarif=$sarif")
for f in $(echo "${TOLLGATE_FORMAT:-}" | tr '\n' ' '); do args+=(--format "$f"); done
sbom_file=""
for s in $(echo "${TOLLGATE_SBOM:-}" | tr '\n' ' '); do
  args+=(--sbom "$s")
  [ -z "$sbom_file" ] && sbom_file=${s#*=}
done
[ "${TOLLGATE_SIGN:-false}" = "true" ] && args+=(--sign)
if [ "${TOLLGATE_SIGN:-false}" = "true" ] || [ -n "${TOLLGATE_SIGN_REPORT:-}" ]; then
  if [ "${TOLLGATE_KEYLESS:-false}" = "true" ]; then
    args+=(--keyless) # the job's OIDC token: permissions: id-token: write
  else
    args+=(--key "${TOLLGATE_KEY:?the key input (or keyless: true) is required to sign}")
  fi
fi
[ -n "${TOLLGATE_SIGN_REPORT:-}" ] && args+=(--sign-report "$TOLLGATE_SIGN_REPORT")
[ -n "${TOLLGATE_BASELINE:-}" ] && args+=(--baseline "$TOLLGATE_BASELINE")
[ -n "${TOLLGATE_CONFIG:-}" ] && args+=(--config "$TOLLGATE_CONFIG")
# Lists: one flag per item (spaces or newlines between items).
list() { echo "${1:-}" | tr '\n' ' '; }
for d in $(list "${TOLLGATE_SKIP_DIRS:-}"); do args+=(--skip-dirs "$d"); done
for f in $(list "${TOLLGATE_SKIP_FILES:-}"); do args+=(--skip-files "$f"); done
for p in $(list "${TOLLGATE_POLICY:-}"); do args+=(--policy "$p"); done
for v in $(list "${TOLLGATE_VAR_FILE:-}"); do args+=(--var-file "$v"); done
for v in $(list "${TOLLGATE_HELM_VALUES:-}"); do args+=(--helm-values "$v"); done
for r in $(list "${TOLLGATE_INSECURE_REGISTRY:-}"); do args+=(--insecure-registry "$r"); done
for p in $(list "${TOLLGATE_PLATFORM:-}"); do args+=(--platform "$p"); done
[ "${TOLLGATE_SECRETS:-true}" = "false" ] && args+=(--secrets=false)
for c in $(list "${TOLLGATE_COMPLIANCE:-}"); do args+=(--compliance "$c"); done
[ "${TOLLGATE_SKIP_ERRORS:-false}" = "true" ] && args+=(--skip-errors)
[ "${TOLLGATE_DOWNLOAD_MODULES:-false}" = "true" ] && args+=(--download-modules)
[ "${TOLLGATE_DOWNLOAD_CHARTS:-false}" = "true" ] && args+=(--download-charts)
[ "${TOLLGATE_DOWNLOAD_BASES:-false}" = "true" ] && args+=(--download-bases)
[ -n "${TOLLGATE_VULNS:-}" ] && args+=(--vulns "$TOLLGATE_VULNS")
[ -n "${TOLLGATE_DB_DIR:-}" ] && args+=(--db-dir "$TOLLGATE_DB_DIR")
[ "${TOLLGATE_IGNORE_UNFIXED:-false}" = "true" ] && args+=(--ignore-unfixed)
for v in $(list "${TOLLGATE_VEX:-}"); do args+=(--vex "$v"); done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# tollgate appends its Markdown summary to $GITHUB_STEP_SUMMARY itself.
args+=(--format "outputs=$tmp/outputs" --format github)

"$bin" "${args[@]}"
code=$?

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  [ -f "$tmp/outputs" ] && cat "$tmp/outputs" >> "$GITHUB_OUTPUT"
  [ -f "$tmp/outputs" ] || echo "result=error" >> "$GITHUB_OUTPUT"
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
  echo "sbom-file=$sbom_file" >> "$GITHUB_OUTPUT"
fi
exit $code
