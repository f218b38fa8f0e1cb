#!/usr/bin/env bash
# How fast a warm `lanyard token` answers, against the floor: a hello-world JVM on the same
# machine, started with the same runtime and JVM flags as the launcher (the launcher prefers a
# JDK 25+ for its AOT cache; see the launcher). When `java` on PATH is another JVM (e.g. 17, with
# the class-data sharing archive), its hello world and `lanyard token` are measured too. The runs
# are interleaved (hello, launcher, direct JVM, hello, ...) so background load hits every command
# alike; the median of RUNS runs each is reported. Times come from bash's $EPOCHREALTIME around
# each command (no process forked to read the clock).
#
#   lanyard-cli/bench/startup.sh [RUNS] [OTHER]     (RUNS default 40)
#
# OTHER: another checkout of Lanyard (say, `git worktree add /tmp/before <commit>`): its
# `./lanyard token` and its JVM command join the same interleaved runs, on the launcher's JVM, so
# a change is measured against its predecessor under the same load.
set -eu
runs="${1:-40}"
before="${2:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$root"

./lanyard --version >/dev/null # builds the jar and the AOT cache or CDS archive when needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export LANYARD_HOME="$work/home"
echo "bench-static-token" | ./lanyard login --flow token >/dev/null 2>&1

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' \
  >"$work/hello/Hello.java"
javac --release 17 -d "$work/hello" "$work/hello/Hello.java"
(cd "$work/hello" && jar cf hello.jar Hello.class)

target="$root/lanyard-cli/target"
jar="$target/lanyard.jar"
# The JVM flags the launcher passes (see `vm=` there), for the JVM of major version $1. Hello
# world runs with the same flags but --enable-native-access (the launcher's, on 22+, for the
# keychain's JNA): any module option makes the JDK's own archive drop its archived module graph,
# which would slow hello world by about 3 ms; the launcher's AOT cache is made with the option.
base() { # the launcher's flags for the JVM of major version $1, without module options
  local f="-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable -Xlog:all=error:stderr"
  if [ "$1" -ge 25 ]; then f="$f -XX:+UseSerialGC"; else f="$f -XX:+UseG1GC"; fi
  printf '%s' "$f"
}
flags() {
  local f
  f="$(base "$1")"
  if [ "$1" -ge 22 ]; then f="$f --enable-native-access=ALL-UNNAMED"; fi
  printf '%s' "$f"
}
major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
# The JVM the launcher runs (JAVA_HOME, else the one it chose and remembered) and its archive.
if [ -n "${JAVA_HOME:-}" ]; then jvm="$JAVA_HOME/bin/java"; else jvm="$(head -1 "$target/jvm")"; fi
major25="$(major "$jvm")"
flags25="$(flags "$major25")"
if [ -f "$target/lanyard.aot" ] && [ "$(cut -d' ' -f1 "$target/lanyard.aot.java")" = "$jvm" ]; then
  archive="-XX:AOTCache=$target/lanyard.aot"
else
  archive="-XX:SharedArchiveFile=$target/lanyard.jsa"
fi
hello="$jvm $(base "$major25") -cp $work/hello/hello.jar Hello"
launcher="$root/lanyard token"
direct="$jvm $archive $flags25 -cp $jar dev.lanyard.cli.Main token"
# `java` on PATH, when it is another JVM: the configuration without a JDK 25.
other="$(readlink -f "$(command -v java)")"
if [ "$other" != "$(readlink -f "$jvm")" ]; then
  JAVA_HOME="$(dirname "$(dirname "$other")")" "$root/lanyard" --version >/dev/null # its archive
  major17="$(major "$other")"
  flags17="$(flags "$major17")"
  hello17="$other $(base "$major17") -cp $work/hello/hello.jar Hello"
  direct17="$other -XX:SharedArchiveFile=$target/lanyard.jsa $flags17 -cp $jar dev.lanyard.cli.Main token"
else
  other=""
fi

if [ -n "$before" ]; then
  before="$(cd "$before" && pwd -P)"
  JAVA_HOME="$(dirname "$(dirname "$jvm")")" "$before/lanyard" --version >/dev/null # its jar, cache
  btarget="$before/lanyard-cli/target"
  case "$archive" in
    *AOTCache*) barch="$btarget/lanyard.aot" barchive="-XX:AOTCache=$btarget/lanyard.aot" ;;
    *) barch="$btarget/lanyard.jsa" barchive="-XX:SharedArchiveFile=$btarget/lanyard.jsa" ;;
  esac
  # The flags it made its archive with ($barch.java: the JVM, then its flags), else those of the
  # launchers that wrote the JVM alone there: an AOT cache refuses to map under other module
  # options, and a CDS archive made with G1 loads its heap objects only under G1.
  bflags="$(cut -s -d' ' -f2- "$barch.java" 2>/dev/null || true)"
  if [ -z "$bflags" ]; then
    bflags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=error:stderr"
  fi
  blauncher="$before/lanyard token"
  bdirect="$jvm $barchive $bflags -cp $btarget/lanyard.jar dev.lanyard.cli.Main token"
fi

for c in "$launcher" "$direct" ${other:+"$direct17"} ${before:+"$blauncher"} ${before:+"$bdirect"}; do
  [ "$($c)" = "bench-static-token" ] || { echo "no token from: $c" >&2; exit 1; }
done

ms() { # runs a command once, prints its wall time in milliseconds
  local s e
  s=$EPOCHREALTIME
  $1 >/dev/null
  e=$EPOCHREALTIME
  awk -v s="$s" -v e="$e" 'BEGIN {printf "%.2f\n", (e - s) * 1000}'
}

for _ in 1 2 3; do ms "$hello" >/dev/null; ms "$launcher" >/dev/null; ms "$direct" >/dev/null; done
: >"$work/hello.ms"; : >"$work/launcher.ms"; : >"$work/direct.ms"; : >"$work/hello17.ms"; : >"$work/direct17.ms"
for _ in $(seq "$runs"); do
  ms "$hello" >>"$work/hello.ms"
  ms "$launcher" >>"$work/launcher.ms"
  ms "$direct" >>"$work/direct.ms"
  if [ -n "$other" ]; then
    ms "$hello17" >>"$work/hello17.ms"
    ms "$direct17" >>"$work/direct17.ms"
  fi
  if [ -n "$before" ]; then
    ms "$blauncher" >>"$work/blauncher.ms"
    ms "$bdirect" >>"$work/bdirect.ms"
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
if [ -n "$before" ]; then
  bl=$(median "$work/blauncher.ms")
  bd=$(median "$work/bdirect.ms")
  echo "the other checkout ($before), same JVM:"
  printf '  its ./lanyard token                %7.1f ms   %.2fx hello world\n' "$bl" "$(echo "$bl $h" | awk '{print $1/$2}')"
  printf '  its java ... Main token            %7.1f ms   %.2fx hello world\n' "$bd" "$(echo "$bd $h" | awk '{print $1/$2}')"
fi
if [ -n "$other" ]; then
  h17=$(median "$work/hello17.ms")
  d17=$(median "$work/direct17.ms")
  echo "java on PATH: $other ($("$other" -version 2>&1 | head -1)), -XX:SharedArchiveFile"
  printf '  hello-world JVM (same JVM, flags)  %7.1f ms\n' "$h17"
  printf '  java ... Main token (no script)    %7.1f ms   %.2fx its hello world\n' "$d17" "$(echo "$d17 $h17" | awk '{print $1/$2}')"
fi
