#!/usr/bin/env bash
# Builds FerretDB 1.24.2 (Apache-2.0) once and caches the binary outside the work tree.
# `go install …@v1.24.2` alone yields a binary that panics at start: the module has no
# build/version/version.txt (its release builds generate it), so we build from the module
# source with that file written.
set -euo pipefail
FERRETDB_VERSION=v1.24.2
cache_dir="${ONEWINDOW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/onewindow}"
export FERRETDB_BIN="$cache_dir/bin/ferretdb-$FERRETDB_VERSION"

ferretdb_ready() { [ -x "$FERRETDB_BIN" ] && "$FERRETDB_BIN" --version >/dev/null 2>&1; }

# Several test runs may start at once on a fresh machine: one builds, the others wait on the lock.
ferretdb_binary() {
  if ferretdb_ready; then echo "$FERRETDB_BIN"; return; fi
  mkdir -p "$cache_dir/bin"
  (
    flock 9
    ferretdb_ready || ferretdb_build
  ) 9>"$cache_dir/bin/.ferretdb.lock" || return 1
  echo "$FERRETDB_BIN"
}

ferretdb_build() {
  command -v go >/dev/null || { echo "ferretdb: Go is not installed; set MONGODB_URI to a MongoDB server" >&2; return 1; }
  echo "building FerretDB $FERRETDB_VERSION (first run only) …" >&2
  local src work
  src=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
  work=$(mktemp -d)
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  echo "$FERRETDB_VERSION" > "$work/build/version/version.txt"
  mkdir -p "$cache_dir/bin"
  (cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb) >&2
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$work"
}
