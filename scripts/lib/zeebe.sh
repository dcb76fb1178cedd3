#!/usr/bin/env bash
# The real Zeebe 8.5 engine for the tests (scripts/zeebe-test-engine/: io.camunda:zeebe-process-test-engine
# behind a loopback gRPC gateway). Built once with Maven and cached outside the work tree, keyed by the
# launcher's sources; started and stopped around the tests by scripts/test. Sourced, not run.
set -euo pipefail
zeebe_cache_root="${ONEWINDOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/onewindow}"

# Prints the home of a JDK 21+ (JAVA_HOME first, then the system's JVM directory), or fails saying what to install.
zeebe_java_home() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" "${ONEWINDOW_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "zeebe: the real Zeebe 8.5 test engine needs a Java 21+ JDK (found none in JAVA_HOME or /usr/lib/jvm)." >&2
  echo "zeebe: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21/25, plus Maven ('apt-get install maven')," >&2
  echo "zeebe: or run the other tests with ONEWINDOW_ZEEBE=off (the Zeebe suites then skip, saying why)." >&2
  return 1
}

# Prints the directory holding the built launcher (jar + lib/), building it on first use.
zeebe_engine_dir() {
  local src="$ROOT/scripts/zeebe-test-engine" java_home key dir work
  java_home=$(zeebe_java_home)
  key=$(cd "$src" && find pom.xml src -type f | sort | xargs sha256sum | sha256sum | cut -c1-16)
  dir="$zeebe_cache_root/zeebe-test-engine-$key"
  if [ ! -f "$dir/launcher.jar" ]; then
    command -v mvn >/dev/null || { echo "zeebe: Maven is needed to build the Zeebe test engine once ('apt-get install maven')" >&2; return 1; }
    echo "building the Zeebe 8.5 test engine (first run only, downloads from Maven Central) …" >&2
    work=$(mktemp -d)
    cp -r "$src/." "$work/"
    (cd "$work" && JAVA_HOME="$java_home" mvn -q -B package -DskipTests) >&2
    mkdir -p "$dir.tmp"
    mv "$work/target/lib" "$dir.tmp/lib"
    mv "$work"/target/zeebe-test-engine-*.jar "$dir.tmp/launcher.jar"
    rm -rf "$work" "$dir"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# start_zeebe LOG_FILE — starts the engine in the background (await_zeebe waits for it).
start_zeebe() {
  local java_home dir
  ZEEBE_LOG="$1"
  java_home=$(zeebe_java_home)
  dir=$(zeebe_engine_dir)
  mkdir -p "$(dirname "$ZEEBE_LOG")"
  "$java_home/bin/java" -Xmx512m -XX:+UseSerialGC -cp "$dir/launcher.jar:$dir/lib/*" onewindow.zeebe.ZeebeTestEngine >"$ZEEBE_LOG" 2>&1 &
  ZEEBE_PID=$!
}

# await_zeebe — waits until the engine serves, then exports ZEEBE_TEST_GRPC_ADDRESS and ZEEBE_TEST_SIDE_DOOR.
await_zeebe() {
  local log="$ZEEBE_LOG" ready
  for _ in $(seq 1 300); do
    ready=$(sed -n 's/^READY //p' "$log")
    if [ -n "$ready" ]; then
      export ZEEBE_TEST_GRPC_ADDRESS="${ready#grpc=}"; ZEEBE_TEST_GRPC_ADDRESS="${ZEEBE_TEST_GRPC_ADDRESS%% *}"
      export ZEEBE_TEST_SIDE_DOOR="http://${ready##*http=}"
      echo "Zeebe 8.5 test engine on $ZEEBE_TEST_GRPC_ADDRESS (side door $ZEEBE_TEST_SIDE_DOOR)" >&2
      return
    fi
    kill -0 "$ZEEBE_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.2
  done
  echo "zeebe: the test engine did not start within 60 s (see $log)" >&2; return 1
}

stop_zeebe() {
  if [ -n "${ZEEBE_PID:-}" ]; then kill "$ZEEBE_PID" 2>/dev/null || true; wait "$ZEEBE_PID" 2>/dev/null || true; fi
}

# wants_zeebe [TEST_FILES…] — true when the whole suite runs or a named test file uses the Zeebe test engine.
wants_zeebe() {
  [ "${ONEWINDOW_ZEEBE:-on}" != off ] || return 1
  [ $# -eq 0 ] && return 0
  local arg
  for arg in "$@"; do [ -f "$arg" ] && grep -qE 'zeebeTestEngine|hallEngines' "$arg" && return 0; done
  return 1
}
