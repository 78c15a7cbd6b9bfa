#!/bin/sh
# Two builds of the Solomon harness on the same instances and seeds, side by side: for each
# (instance, seed) both binaries start together, one per core. This machine's speed drifts by
# 10 % or more between runs, and CPU-time budgets then buy different amounts of search; two
# runs at the same time meet the same machine. Usage:
#   sh benches/side_by_side.sh BEFORE AFTER BUDGET SEEDS [INSTANCE...]
# e.g., to compare the last commit with the one before:
#   git worktree add /tmp/before HEAD~1
#   (cd /tmp/before && cargo build --release -p tournee-benches --bin solomon)
#   cargo build --release -p tournee-benches --bin solomon
#   sh benches/side_by_side.sh /tmp/before/target/release/solomon target/release/solomon 5 "1 2 3"
# Without instances, all 56; DIR=fixtures/benchmarks/homberger compares on those instead. Prints, for each binary, the mean gap per seed (over the runs
# within the fleet), the overall mean and the runs outside the fleet; then the instances whose
# mean gaps differ by more than 0.3 points. The harness's rows, each prefixed by its seed, are
# kept in target/side_by_side/{before,after}.txt (or $OUT).
set -eu
cd "$(dirname "$0")/.."
before=$1; after=$2; budget=$3; seeds=$4; shift 4
dir=${DIR:-fixtures/benchmarks/solomon100}
if [ $# -eq 0 ]; then
  set -- $(for f in "$dir"/*.vrptw; do basename "$f" | cut -d. -f1; done)
fi
out=${OUT:-target/side_by_side}
mkdir -p "$out"
: > "$out/before.txt"
: > "$out/after.txt"
row='^[A-Z]+[0-9_]+ +[0-9]+/[0-9]+'
for seed in $seeds; do
  for name in "$@"; do
    file=$(ls "$dir"/"$name".*.vrptw)
    "$before" --cpu --budget "$budget" --seed "$seed" "$file" 2>&1 | grep -E "$row" \
      | sed "s/^/$seed /" >> "$out/before.txt" &
    "$after" --cpu --budget "$budget" --seed "$seed" "$file" 2>&1 | grep -E "$row" \
      | sed "s/^/$seed /" >> "$out/after.txt" &
    wait
  done
done

# Columns of a kept row: seed, instance, vehicles, distance, best-known, gap %, time, iterations,
# then "yes" when the checker accepts it within the fleet.
per_seed() {
  awk -v who="$2" '
    !($1 in n) { order[++seeds] = $1 }
    { n[$1]++; if ($9 == "yes" && $6 != "-") { s[$1] += $6; k[$1]++ } else { out[$1] = out[$1] " " $2 } }
    END {
      print who ":"; total = 0; missed = 0
      for (i = 1; i <= seeds; i++) {
        seed = order[i]; mean = k[seed] ? s[seed] / k[seed] : 0; total += mean
        printf "  seed %s: mean gap %.2f %%", seed, mean
        if (out[seed] != "") printf ", outside the fleet:%s", out[seed]
        printf "\n"; missed += n[seed] - k[seed]
      }
      printf "  mean %.2f %%, %d of %d runs outside the fleet\n", total / seeds, missed, NR
    }' "$1"
}
per_seed "$out/before.txt" before
per_seed "$out/after.txt" after
echo "instances whose mean gaps differ by more than 0.3 points (before, after):"
awk '
  FNR == 1 { file++ }
  $9 == "yes" && $6 != "-" { s[file, $2] += $6; k[file, $2]++; names[$2] = 1 }
  END {
    for (name in names) {
      if (!k[1, name] || !k[2, name]) continue
      a = s[1, name] / k[1, name]; b = s[2, name] / k[2, name]
      if (a - b > 0.3 || b - a > 0.3) printf "  %-8s %6.2f %6.2f\n", name, a, b
    }
  }' "$out/before.txt" "$out/after.txt" | sort
