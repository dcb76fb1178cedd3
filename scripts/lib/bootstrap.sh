#!/usr/bin/env bash
# The bootstrap shared by scripts/start and scripts/test: install what is missing, then make sure a
# MongoDB-compatible server answers at $MONGODB_URI. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/ferretdb.sh"
export PUPPETEER_SKIP_DOWNLOAD=1

log() { printf '[onewindow] %s\n' "$*" >&2; }

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  command -v pdffonts >/dev/null || missing+=(poppler-utils)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    log "missing Debian packages: ${missing[*]} (install them as root)"; return 1
  fi
  local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_node_packages() {
  local stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    log "installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# schemathesis (PyPI) in a project-local virtual environment, for the fuzzing of every route.
install_fuzzer() {
  local venv="$ROOT/.venv-fuzz" req="$ROOT/scripts/lib/fuzz/requirements.txt"
  if [ -x "$venv/bin/st" ] && [ "$venv/.requirements" -nt "$req" ]; then return; fi
  command -v python3 >/dev/null || { log "python3 is missing: install Debian's python3 and python3-venv"; return 1; }
  log "installing the fuzzer (schemathesis) into .venv-fuzz"
  python3 -m venv "$venv" || { log "python3 -m venv failed: install Debian's python3-venv"; return 1; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  touch "$venv/.requirements"
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# start_ferretdb DATA_DIR PORT — starts FerretDB on 127.0.0.1 and waits until it answers.
start_ferretdb() {
  local dir="$1" port="$2" bin
  bin=$(ferretdb_binary)
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  "$bin" --handler=sqlite --sqlite-url="file:$dir/" --listen-addr="127.0.0.1:$port" \
    --state-dir="$dir" --telemetry=disable --debug-addr=- --log-level=warn >"$dir/ferretdb.log" 2>&1 &
  FERRETDB_PID=$!
  for _ in $(seq 1 100); do
    if node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then
      export MONGODB_URI="mongodb://127.0.0.1:$port/onewindow"
      export FERRETDB_SQLITE_DIR="$dir"
      log "FerretDB $FERRETDB_VERSION listening on 127.0.0.1:$port (data in ${dir#$ROOT/})"
      return
    fi
    kill -0 "$FERRETDB_PID" 2>/dev/null || { cat "$dir/ferretdb.log" >&2; return 1; }
    sleep 0.2
  done
  log "FerretDB did not answer on port $port"; return 1
}

stop_started() {
  if [ -n "${FERRETDB_PID:-}" ]; then kill "$FERRETDB_PID" 2>/dev/null || true; wait "$FERRETDB_PID" 2>/dev/null || true; fi
}

bootstrap() {
  install_debian_packages
  install_node_packages
}
