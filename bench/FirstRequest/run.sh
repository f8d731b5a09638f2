#!/usr/bin/env bash
# Whole-process first-request benchmark for `cowork` (see bench/README.md).
#
# Publishes the CLI ReadyToRun for linux-x64 into a temp folder, builds bench/FirstRequest, and runs it against the
# published `cowork`: time from process start to the first Anthropic Messages request at a loopback server, the
# whole-process wall time, and the size and tool descriptions of that first request.
#
# Usage: bench/FirstRequest/run.sh [--jit] [--composite] [--reuse] [--runs N] [--warmup N] [-- FirstRequest options...]
#   --jit        also publish without ReadyToRun and measure that, for comparison
#   --composite  also publish self-contained with the framework in one composite ReadyToRun image (285 MB; slow to build)
#   --reuse      measure the binaries from the last publish instead of publishing again
#   --runs N     measured runs per binary (default 10); --warmup N runs before them (default 1)
#   after --     passed to the benchmark as is, e.g. -- --env DOTNET_TieredPGO=0 --plain --enforce-targets
# Environment: FIRSTREQUEST_WORK overrides the build folder (default: a per-checkout folder under $TMPDIR or /tmp).
# Results (first request body, summary table) go to bench/results/, which git ignores.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
checkout_id="$(printf '%s' "$repo" | cksum | cut -d' ' -f1)"
work="${FIRSTREQUEST_WORK:-${TMPDIR:-/tmp}/cowork-firstrequest-$checkout_id}"
results="$repo/bench/results"

jit=0
composite=0
reuse=0
runs=10
warmup=1
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jit) jit=1 ;;
    --composite) composite=1 ;;
    --reuse) reuse=1 ;;
    --runs) runs="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Runs a dotnet command, retrying when another build holds a file lock (other work may be building the same tree).
dotnet_retry() {
  local log attempt
  log="$(mktemp)"
  for attempt in 1 2 3 4; do
    if dotnet "$@" >"$log" 2>&1; then
      grep -E ' -> ' "$log" | tail -n 1 || true
      rm -f "$log"
      return 0
    fi
    if grep -qE 'used by another process|MSB3026|MSB3027|MSB3021|being used by another' "$log" && [[ $attempt -lt 4 ]]; then
      echo "  (a file is locked by another build; retrying in 5 s)"
      sleep 5
      continue
    fi
    grep -E 'error|Error' "$log" | sort -u | head -n 30 >&2 || cat "$log" >&2
    rm -f "$log"
    return 1
  done
}

# Builds go through --artifacts-path so nothing lands in src/*/bin or obj, where others may be building.
publish() { # publish OUTPUT R2R(true|false) [COMPOSITE(true|false)]
  local composite="${3:-false}"
  dotnet_retry publish "$repo/src/Cowork.Cli/Cowork.Cli.csproj" -c Release -r linux-x64 --self-contained "$composite" \
    -p:PublishReadyToRun="$2" -p:PublishReadyToRunComposite="$composite" --artifacts-path "$work/artifacts" -o "$1" -nologo
}

mkdir -p "$work" "$results"
start=$SECONDS
publish_or_reuse() { # publish_or_reuse NAME R2R DESCRIPTION [COMPOSITE]
  if [[ $reuse -eq 1 && -x "$work/$1/cowork" ]]; then
    echo "== Reusing the earlier $3 publish in $work/$1"
    return 0
  fi
  echo "== Publishing cowork ($3, linux-x64) to $work/$1"
  rm -rf "${work:?}/$1"
  if ! publish "$work/$1" "$2" "${4:-false}"; then
    echo "run.sh: publishing src/Cowork.Cli failed (see the errors above); fix the build, or measure the last good publish with --reuse." >&2
    exit 2
  fi
}

publish_or_reuse r2r true "ReadyToRun"
if [[ $jit -eq 1 ]]; then
  publish_or_reuse jit false "no ReadyToRun"
fi
if [[ $composite -eq 1 ]]; then
  publish_or_reuse composite true "self-contained composite ReadyToRun" true
fi

echo "== Building the benchmark"
dotnet_retry build "$here/FirstRequest.csproj" -c Release --artifacts-path "$work/artifacts" -nologo
bench_dll="$work/artifacts/bin/FirstRequest/release/FirstRequest.dll"
echo "   (builds took $((SECONDS - start)) s)"

summary="$results/first-request-summary.md"
{
  echo "| binary | runs | min ms | median ms | p90 ms | max ms | exit median ms | exit p90 ms | CPU median ms | first request | tools | descriptions |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$summary"

status=0
run_bench() { # run_bench LABEL BINARY BODYFILE
  echo
  local code=0
  dotnet "$bench_dll" --cowork "$2" --label "$1" --runs "$runs" --warmup "$warmup" \
    --save-body "$3" --summary "$summary" ${extra[@]+"${extra[@]}"} || code=$?
  if [[ $code -gt $status ]]; then status=$code; fi
}

run_bench "ReadyToRun" "$work/r2r/cowork" "$results/first-request.json"
if [[ $jit -eq 1 ]]; then
  run_bench "JIT (no ReadyToRun)" "$work/jit/cowork" "$results/first-request-jit.json"
fi
if [[ $composite -eq 1 ]]; then
  run_bench "Composite (self-contained)" "$work/composite/cowork" "$results/first-request-composite.json"
fi

echo
echo "== Summary (also in ${summary#"$repo"/})"
cat "$summary"
echo "Total: $((SECONDS - start)) s; exit code $status"
exit $status
