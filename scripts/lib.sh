# Shared by scripts/run and scripts/test: idempotent set-up of everything Trustboard needs on a
# machine of this kind (Debian with rustup, Node.js and npm). Each step checks first and skips
# what is already installed at the right version.
# shellcheck shell=bash

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_LEPTOS_VERSION="0.3.10"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# Build outside the checkout (unless the caller chose), so a fresh clone reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/trustboard/target}"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

apt_updated=""
apt_install() {
  # apt_install PACKAGE... : installs the Debian packages that are missing.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "$apt_updated" ]; then $sudo apt-get update -qq; apt_updated=1; fi
  say "Installing ${missing[*]} (Debian packages)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

wasm_bindgen_version() {
  # The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
  awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock"
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "Installing cargo-leptos $CARGO_LEPTOS_VERSION (compiles once per machine, about 25 minutes)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
  local wbg; wbg="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
    say "Installing wasm-bindgen-cli $wbg (compiles once per machine, about 10 minutes)"
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi
}

ensure_npm_packages() {
  # govuk-frontend and sass (styles), binaryen (a wasm-opt that works), Playwright and axe-core
  # (browser tests). Playwright must never download a browser: the system Chromium is used.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.trustboard-lock; then
    say "Installing npm packages"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.trustboard-lock
  fi
}

build_release() {
  say "Building Trustboard (release)"
  cargo leptos build --release --precompress
}

# A local PostgreSQL with a role that may create test databases, unless
# TRUSTBOARD_TEST_POSTGRES_URL already names a server. Exports that URL.
ensure_test_postgres() {
  [ -n "${TRUSTBOARD_TEST_POSTGRES_URL:-}" ] && return 0
  apt_install postgresql
  say "Starting a local PostgreSQL"
  local version
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main" || pg_createcluster "$version" main >/dev/null
  pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -qx online || pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  su postgres -c "psql -qtAX -c \"SELECT 1 FROM pg_roles WHERE rolname = 'trustboard_test'\"" | grep -q 1 ||
    su postgres -c "psql -q -c \"CREATE ROLE trustboard_test LOGIN CREATEDB PASSWORD 'trustboard_test'\""
  export TRUSTBOARD_TEST_POSTGRES_URL="postgres://trustboard_test:trustboard_test@127.0.0.1:5432/postgres"
}

# start_release_server DIR PORT [BINARY [SITE_ROOT]] : seeds a fresh SQLite database in DIR (the
# demo data and the real England district boundaries from ../shared, as an operator would load
# them), serves it with the release build on 127.0.0.1:PORT in the background (log in
# DIR/server.log) and waits for /healthz. Sets server_pid (declare it local to keep it local).
# BINARY defaults to the release build in $CARGO_TARGET_DIR, SITE_ROOT to $ROOT/target/site.
start_release_server() {
  local dir="$1" port="$2" bin="${3:-$CARGO_TARGET_DIR/release/trustboard}" site="${4:-$ROOT/target/site}" step
  for step in "seed-demo" "import-boundaries --file $ROOT/../shared/data/boundaries/england-lad-topo.json"; do
    # shellcheck disable=SC2086
    DATABASE_URL="sqlite:$dir/e2e.db" TRUSTBOARD_DEMO=true TRUSTBOARD_TODAY=2026-11-23 RUST_LOG=warn \
      "$bin" $step || return 1
  done
  # The demo sign-ins use passwords only (the second factor's test has servers of its own).
  DATABASE_URL="sqlite:$dir/e2e.db" TRUSTBOARD_DEMO=true TRUSTBOARD_ADDR="127.0.0.1:$port" \
    TRUSTBOARD_TODAY=2026-11-23 LEPTOS_SITE_ROOT="$site" LEPTOS_OUTPUT_NAME=trustboard \
    TRUSTBOARD_SECOND_FACTOR_ROLES=none \
    "$bin" serve >"$dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log"; echo "the server did not start"; return 1; }
    sleep 0.5
  done
  # Still not healthy after 30 s: carry on, as the browser tests always have (their failures
  # and the server log will say why).
}

# start_empty_server DIR PORT : an installation as a county starts one — an empty SQLite database
# in DIR, the demo off, one administrator made with `create-admin` (the e-mail and password the
# set-up browser test signs in with) — served on 127.0.0.1:PORT in the background. Prints its
# process id. ROLES (third argument, default none) must sign in with a second factor.
EMPTY_ADMIN_EMAIL="admin@county.example"
EMPTY_ADMIN_PASSWORD="set-up-from-nothing"
start_empty_server() {
  local dir="$1" port="$2" roles="${3:-none}" bin="${CARGO_TARGET_DIR}/release/trustboard" site="$ROOT/target/site" pid
  DATABASE_URL="sqlite:$dir/empty-$port.db" TRUSTBOARD_DEMO=false TRUSTBOARD_ADMIN_PASSWORD="$EMPTY_ADMIN_PASSWORD" RUST_LOG=warn \
    "$bin" create-admin --email "$EMPTY_ADMIN_EMAIL" --name "Alex Administrator" >/dev/null || return 1
  DATABASE_URL="sqlite:$dir/empty-$port.db" TRUSTBOARD_DEMO=false TRUSTBOARD_ADDR="127.0.0.1:$port" \
    TRUSTBOARD_TODAY=2027-04-18 LEPTOS_SITE_ROOT="$site" LEPTOS_OUTPUT_NAME=trustboard \
    TRUSTBOARD_PUBLIC_URL="http://127.0.0.1:$port" TRUSTBOARD_SECOND_FACTOR_ROLES="$roles" \
    "$bin" serve >"$dir/server-$port.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  echo "$pid"
}

# Stops the server start_release_server started (if any).
stop_release_server() {
  [ -n "${server_pid:-}" ] || return 0
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true
}

# Serves the built release on a fresh SQLite database (start_release_server) and runs Playwright
# with the system Chromium against it; extra arguments go to `playwright test`.
run_browser_tests() {
  say "Browser tests: Playwright with the system Chromium, JavaScript off and on, axe on every page"
  local e2e_dir port server_log server_pid rc=0
  e2e_dir="$(mktemp -d)"
  port="${TRUSTBOARD_E2E_PORT:-3107}"
  server_log="$e2e_dir/server.log"
  start_release_server "$e2e_dir" "$port" || return 1
  # Two empty installations for setting a county up from nothing, one for each project
  # (JavaScript off, on): each test makes its own Trust.
  local empty_off empty_on
  empty_off="$(start_empty_server "$e2e_dir" $((port + 1)))" || return 1
  empty_on="$(start_empty_server "$e2e_dir" $((port + 2)))" || return 1
  # Two more where administrators and the Board must use a second factor (its own test).
  local factor_off factor_on
  factor_off="$(start_empty_server "$e2e_dir" $((port + 3)) admin,board)" || return 1
  factor_on="$(start_empty_server "$e2e_dir" $((port + 4)) admin,board)" || return 1
  (cd "$ROOT/end2end" && TRUSTBOARD_BASE_URL="http://127.0.0.1:$port" \
    TRUSTBOARD_EMPTY_URL_OFF="http://127.0.0.1:$((port + 1))" TRUSTBOARD_EMPTY_URL_ON="http://127.0.0.1:$((port + 2))" \
    TRUSTBOARD_EMPTY_ADMIN="$EMPTY_ADMIN_EMAIL" TRUSTBOARD_EMPTY_PASSWORD="$EMPTY_ADMIN_PASSWORD" \
    TRUSTBOARD_FACTOR_URL_OFF="http://127.0.0.1:$((port + 3))" TRUSTBOARD_FACTOR_URL_ON="http://127.0.0.1:$((port + 4))" \
    npx playwright test "$@") || rc=$?
  if [ "$rc" -ne 0 ]; then echo "--- server log"; tail -50 "$server_log"; tail -30 "$e2e_dir"/server-*.log; fi
  kill "$empty_off" "$empty_on" "$factor_off" "$factor_on" 2>/dev/null || true
  stop_release_server
  rm -rf "$e2e_dir"
  return "$rc"
}
