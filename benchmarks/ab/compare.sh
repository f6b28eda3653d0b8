#!/usr/bin/env bash
# Compares the CPU per step of two raftsim builds in one JVM (SameProcessAB.java explains why).
#
#   benchmarks/ab/compare.sh A B [rounds] [steps-per-slice]
#
# A and B are each a jar built by `mvn -DskipTests -pl scenarios -am package`
# (scenarios/target/raftsim.jar) or a git commit of this repository, which is then built in a
# temporary worktree that is removed again, also when interrupted. The comparison of issue 13:
#   benchmarks/ab/compare.sh cf6440a HEAD
# An A/A run (the same build twice) shows the noise of the machine; quote ratios next to it.
set -euo pipefail
shopt -s inherit_errexit # a failed build inside $(jar_of ...) stops the script
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
if [ $# -lt 2 ] || [ $# -gt 4 ]; then
  echo "usage: $0 A B [rounds] [steps-per-slice]   (A, B: a raftsim jar or a git commit)" >&2
  exit 2
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/raftsim-ab.XXXXXX")"
cleanup() {
  for tree in "$work"/tree-*; do
    [ -d "$tree" ] && git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Prints the path of a jar for $1: the file itself, or a build of the commit it names.
jar_of() {
  local spec="$1" label="$2"
  if [ -f "$spec" ]; then
    echo "$spec"
    return
  fi
  local commit
  commit="$(git -C "$repo" rev-parse --verify --quiet "$spec^{commit}")"
  local tree="$work/tree-$label"
  git -C "$repo" worktree add --quiet --detach "$tree" "$commit"
  echo "building $spec (${commit:0:7}) in a temporary worktree..." >&2
  if ! (cd "$tree" && mvn -q -B -DskipTests -pl scenarios -am package) >"$work/build-$label.log" 2>&1; then
    echo "$0: building $spec failed:" >&2
    cat "$work/build-$label.log" >&2
    exit 1
  fi
  cp "$tree/scenarios/target/raftsim.jar" "$work/$label-${commit:0:7}.jar"
  git -C "$repo" worktree remove --force "$tree"
  echo "$work/$label-${commit:0:7}.jar"
}

for spec in "$1" "$2"; do # both checked before either is built
  if [ ! -f "$spec" ] && ! git -C "$repo" rev-parse --verify --quiet "$spec^{commit}" >/dev/null; then
    echo "$0: $spec is neither a file nor a commit of $repo" >&2
    exit 2
  fi
done
jar_a="$(jar_of "$1" a)"
jar_b="$(jar_of "$2" b)"
# ParallelGC and a fixed heap, as the bench's JMH fork uses: G1's barriers and a growing heap
# would add noise of their own. A large young generation keeps collections out of most slices.
java -XX:+UseParallelGC -Xms6g -Xmx6g -Xmn2g "$here/SameProcessAB.java" "$jar_a" "$jar_b" "${3:-20}" "${4:-500000}"
