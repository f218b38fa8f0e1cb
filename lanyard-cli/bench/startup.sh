#!/usr/bin/env bash
# How fast a warm `lanyard token` answers, against the floor: a hello-world JVM on the same
# machine, started with the same JVM flags as the launcher. The runs are interleaved (hello,
# launcher, direct JVM, hello, ...) so background load hits every command alike; the median of
# RUNS runs each is reported.
#
#   lanyard-cli/bench/startup.sh [RUNS]      (default 40)
set -eu
runs="${1:-40}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$root"

./lanyard --version >/dev/null # builds the jar and the CDS archive when needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export LANYARD_HOME="$work/home"
echo "bench-static-token" | ./lanyard login --flow token >/dev/null 2>&1

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
  >"$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
(cd "$work/hello" && jar cf hello.jar Hello.class)

flags="-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable"
jar="$root/lanyard-cli/target/lanyard.jar"
jsa="$root/lanyard-cli/target/lanyard.jsa"
hello="java $flags -cp $work/hello/hello.jar Hello"
launcher="$root/lanyard token"
direct="java -XX:SharedArchiveFile=$jsa $flags -cp $jar dev.lanyard.cli.Main token"

[ "$($launcher)" = "bench-static-token" ] || { echo "lanyard token did not answer" >&2; exit 1; }

ms() { # runs a command once, prints its wall time in milliseconds (microsecond precision)
  local s e
  s=$(date +%s%N)
  $1 >/dev/null
  e=$(date +%s%N)
  echo $(((e - s) / 1000)) | awk '{printf "%.1f\n", $1 / 1000}'
}

for i in 1 2 3; do ms "$hello" >/dev/null; ms "$launcher" >/dev/null; ms "$direct" >/dev/null; done
: >"$work/hello.ms"; : >"$work/launcher.ms"; : >"$work/direct.ms"
for _ in $(seq "$runs"); do
  ms "$hello" >>"$work/hello.ms"
  ms "$launcher" >>"$work/launcher.ms"
  ms "$direct" >>"$work/direct.ms"
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
h=$(median "$work/hello.ms")
l=$(median "$work/launcher.ms")
d=$(median "$work/direct.ms")
echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "median of $runs interleaved runs:"
printf '  hello-world JVM (same flags)     %7.1f ms\n' "$h"
printf '  ./lanyard token (launcher)       %7.1f ms   %.2fx hello world\n' "$l" "$(echo "$l $h" | awk '{print $1/$2}')"
printf '  java ... Main token (no script)  %7.1f ms   %.2fx hello world\n' "$d" "$(echo "$d $h" | awk '{print $1/$2}')"

