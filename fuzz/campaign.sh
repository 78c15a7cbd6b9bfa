#!/bin/sh
# Runs fuzz targets one after the other for SECONDS each (default 600), from binaries built
# by `cargo fuzz build -O` (or copied elsewhere: BIN=folder), on the corpora made by
# make_seeds.py. Logs in fuzz/logs/, crashes and hangs in fuzz/artifacts/<target>/.
# Usage: fuzz/campaign.sh [SECONDS] [TARGET...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-scenario plan osm_pbf osm_xml}
bin=${BIN:-$here/target/x86_64-unknown-linux-gnu/release}
mkdir -p "$here/logs"
for t in $targets; do
  case $t in
    plan) max=32768 ;;
    scenario) max=16384 ;;
    *) max=8192 ;;
  esac
  mkdir -p "$here/artifacts/$t" "$here/corpus/$t"
  echo "== $t: $secs s, started $(date -u +%H:%M:%S)"
  "$bin/$t" "$here/corpus/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=$max -print_final_stats=1 -artifact_prefix="$here/artifacts/$t/" \
    > "$here/logs/$t.log" 2>&1
  echo "== $t: exit $?, ended $(date -u +%H:%M:%S)"
  tail -n 12 "$here/logs/$t.log"
done
