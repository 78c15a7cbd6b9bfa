#!/bin/sh
# Time until the Solomon harness first fits every customer into the fleet limit, for several
# seeds: `sh benches/time_to_fleet.sh BUDGET SEEDS INSTANCE... [-- solomon options]`, e.g.
#   sh benches/time_to_fleet.sh 5 "1 2 3 4 5 6 7 8" R104 R112
# Prints one line per instance: the CPU seconds to the first complete solution for each seed
# ("-" when none within the budget), then how many fit within 1 s and within the budget.
# The search does not depend on the budget (CPU-time stop), so a 5 s run also answers 1 s.
# Needs `cargo build --release -p tournee-benches --bin solomon`; runs two seeds at a time.
set -eu
cd "$(dirname "$0")/.."
budget=$1; seeds=$2; shift 2
instances=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do instances="$instances $1"; shift; done
[ $# -gt 0 ] && shift
dir=fixtures/benchmarks/solomon100
bin=target/release/solomon
for name in $instances; do
  file=$(ls $dir/"$name".*.vrptw)
  times=$(for s in $seeds; do echo "$s"; done | xargs -P2 -I{} sh -c \
    "t=\$($bin --cpu --budget $budget --seed {} --trace $* $file 2>&1 | grep -m1 -E 'missing +0 ' | awk '{print \$2}' | tr -d s); echo {}:\${t:--}" \
    | sort -n | tr '\n' ' ')
  echo "$name $times" | awk -v b="$budget" '{ n=0; one=0; all=0
    for (i = 2; i <= NF; i++) { split($i, a, ":"); n++; if (a[2] != "-") { all++; if (a[2] <= 1) one++ } }
    printf "%s  %s  within 1 s: %d/%d  within %s s: %d/%d\n", $1, substr($0, length($1) + 2), one, n, b, all, n }'
done
