#!/usr/bin/env bash
# How fast a warm `lanyard token` answers, against the floor: a hello-world JVM on the same
# machine, started with the same runtime and JVM flags as the launcher (the launcher prefers a
# JDK 25+ for its AOT cache; see the launcher). When `java` on PATH is another JVM (e.g. 17, with
# the class-data sharing archive), its hello world and `lanyard token` are measured too. The runs
# are interleaved (hello, launcher, direct JVM, hello, ...) so background load hits every command
# alike; the median of RUNS runs each is reported.
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
javac --release 17 -d "$work/hello" "$work/hello/Hello.java"
(cd "$work/hello" && jar cf hello.jar Hello.class)

flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable"
jar="$root/lanyard-cli/target/lanyard.jar"
# The JVM the launcher runs (JAVA_HOME, else the one it chose and remembered) and its archive.
if [ -n "${JAVA_HOME:-}" ]; then jvm="$JAVA_HOME/bin/java"; else jvm="$(head -1 "$root/lanyard-cli/target/jvm")"; fi
if [ -f "$root/lanyard-cli/target/lanyard.aot" ] && [ "$(cat "$root/lanyard-cli/target/lanyard.aot.java")" = "$jvm" ]; then
  archive="-XX:AOTCache=$root/lanyard-cli/target/lanyard.aot"
else
  archive="-XX:SharedArchiveFile=$root/lanyard-cli/target/lanyard.jsa"
fi
hello="$jvm $flags -cp $work/hello/hello.jar Hello"
launcher="$root/lanyard token"
direct="$jvm $archive $flags -cp $jar dev.lanyard.cli.Main token"
# `java` on PATH, when it is another JVM: the configuration without a JDK 25.
other="$(readlink -f "$(command -v java)")"
if [ "$other" != "$(readlink -f "$jvm")" ]; then
  JAVA_HOME="$(dirname "$(dirname "$other")")" "$root/lanyard" --version >/dev/null # its archive
  hello17="$other $flags -cp $work/hello/hello.jar Hello"
  direct17="$other -XX:SharedArchiveFile=$root/lanyard-cli/target/lanyard.jsa $flags -cp $jar dev.lanyard.cli.Main token"
else
  other=""
fi

[ "$($launcher)" = "bench-static-token" ] || { echo "lanyard token did not answer" >&2; exit 1; }

ms() { # runs a command once, prints its wall time in milliseconds (microsecond precision)
  local s e
  s=$(date +%s%N)
  $1 >/dev/null
  e=$(date +%s%N)
  echo $(((e - s) / 1000)) | awk '{printf "%.1f\n", $1 / 1000}'
}

for i in 1 2 3; do ms "$hello" >/dev/null; ms "$launcher" >/dev/null; ms "$direct" >/dev/null; done
: >"$work/hello.ms"; : >"$work/launcher.ms"; : >"$work/direct.ms"; : >"$work/hello17.ms"; : >"$work/direct17.ms"
for _ in $(seq "$runs"); do
  ms "$hello" >>"$work/hello.ms"
  ms "$launcher" >>"$work/launcher.ms"
  ms "$direct" >>"$work/direct.ms"
  if [ -n "$other" ]; then
    ms "$hello17" >>"$work/hello17.ms"
    ms "$direct17" >>"$work/direct17.ms"
  fi
done
median() { sort -n "$1" | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
h=$(median "$work/hello.ms")
l=$(median "$work/launcher.ms")
d=$(median "$work/direct.ms")
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "launcher's JVM: $jvm ($("$jvm" -version 2>&1 | head -1)), ${archive%%=*}"
echo "median of $runs interleaved runs:"
printf '  hello-world JVM (same JVM, flags)  %7.1f ms\n' "$h"
printf '  ./lanyard token (launcher)         %7.1f ms   %.2fx hello world\n' "$l" "$(echo "$l $h" | awk '{print $1/$2}')"
printf '  java ... Main token (no script)    %7.1f ms   %.2fx hello world\n' "$d" "$(echo "$d $h" | awk '{print $1/$2}')"
if [ -n "$other" ]; then
  h17=$(median "$work/hello17.ms")
  d17=$(median "$work/direct17.ms")
  echo "java on PATH: $other ($("$other" -version 2>&1 | head -1)), -XX:SharedArchiveFile"
  printf '  hello-world JVM (same JVM, flags)  %7.1f ms\n' "$h17"
  printf '  java ... Main token (no script)    %7.1f ms   %.2fx its hello world\n' "$d17" "$(echo "$d17 $h17" | awk '{print $1/$2}')"
fi
