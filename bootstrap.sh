#!/usr/bin/env bash
# The ACK help console's two commands:
#
#   ./bootstrap.sh serve   builds the release site and serves it (SQLite in ./data)
#   ./bootstrap.sh test    runs every test: Rust unit and router tests against SQLite and
#                          a throwaway PostgreSQL, Playwright in Chromium (directly and
#                          through nginx), then the load-and-fault suite
#   ./bootstrap.sh bench   the HTTP benchmark: the console next to /healthz and nginx
#
# Each installs what is missing first (Rust wasm target, cargo-leptos, wasm-bindgen-cli,
# wasm-opt, npm packages, and for tests Chromium, PostgreSQL, nginx and wrk from Debian) and skips
# what is already there. Builds go to a persistent target folder outside the clone.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

CACHE=${ACK_CONSOLE_CACHE:-$HOME/.cache/ack-console}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$CACHE/target}
# The server binary reads this at compile time; every cargo call sets the same value so
# that nothing is compiled twice.
export LEPTOS_OUTPUT_NAME=ack-console
TOOLS=$CACHE/tools
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing from Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [[ "$(cargo leptos --version 2>/dev/null)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 16 minutes on 2 cores)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi
  # wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
  local wbv
  wbv=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbv"* ]]; then
    say "installing wasm-bindgen-cli $wbv (about 6 minutes)"
    cargo install wasm-bindgen-cli --version "$wbv" --force
  fi
  if [[ "$(wasm-opt --version 2>/dev/null)" != *"version $BINARYEN_VERSION"* ]]; then
    say "installing wasm-opt (binaryen@$BINARYEN_VERSION from npm)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
}

# cargo-leptos runs wasm-bindgen and wasm-opt (about 35 s) on every build, even when the
# WebAssembly did not change. So the site is built in two steps: cargo itself brings the
# WebAssembly and the server up to date, with exactly the arguments cargo-leptos passes
# (nothing is compiled twice), and cargo-leptos runs only when the WebAssembly, the
# stylesheet, the public assets or the build settings differ from the last site it made.
SITE=$ROOT/target/site
SITE_STAMP=$SITE/.inputs
FRONT_WASM=$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/app.wasm

site_inputs() {
  {
    stat -c '%s %Y %n' "$FRONT_WASM" 2>/dev/null || echo "no wasm"
    sha256sum style/main.css Cargo.toml
    find app/public -type f -printf '%s %T@ %p\n' 2>/dev/null | sort
    # The outputs as this build wrote them: `cargo leptos watch` writes a debug build
    # into the same folder, which must not pass for the release one.
    find "$SITE/pkg" -type f -printf '%s %T@ %p\n' 2>/dev/null | sort
    echo "cargo-leptos $CARGO_LEPTOS_VERSION wasm-opt $BINARYEN_VERSION"
  } | sha256sum
}

build_site() {
  build_tools
  say "bringing the WebAssembly and the server up to date"
  cargo build --package=app --lib --target-dir="$CARGO_TARGET_DIR/front" --target=wasm32-unknown-unknown \
    --no-default-features --features=hydrate --profile=wasm-release
  cargo build --package=server --bin=server --no-default-features --release
  if [ -f "$SITE_STAMP" ] && [ -f "$SITE/pkg/ack-console.wasm" ] && [ -f "$SITE/pkg/ack-console.css" ] \
    && [ "$(cat "$SITE_STAMP")" = "$(site_inputs)" ]; then
    say "the site's JS, WebAssembly and CSS are current"
    return
  fi
  say "building the release site (server + hydrated WebAssembly)"
  rm -f "$SITE_STAMP"
  cargo leptos build --release
  site_inputs > "$SITE_STAMP"
}

server_bin() { echo "$CARGO_TARGET_DIR/release/server"; }

serve() {
  build_site
  export LEPTOS_SITE_ROOT=$ROOT/target/site
  export CONTENT_DIR=${CONTENT_DIR:-$ROOT/content}
  export DATA_DIR=${DATA_DIR:-$ROOT/data}
  exec "$(server_bin)"
}

test_all() {
  apt_install chromium postgresql fonts-noto-cjk nginx wrk
  local overlap=$ROOT/../shared/tools/seed-overlap
  if [ -x "$overlap" ]; then
    say "knowledge base prose is our own (seed-overlap)"
    python3 "$overlap" content
  fi
  build_site
  say "Rust tests (unit, content, router; SQLite and PostgreSQL)"
  # The PostgreSQL tests start their own server with Debian's binaries and must not be
  # skipped here.
  ACK_REQUIRE_POSTGRES=1 cargo test --release -p app -p server
  # The benchmarks run only when asked (`cargo bench`), but they use the search's own
  # interfaces: building them here keeps them from rotting unseen.
  say "benchmarks still build"
  cargo bench -p server --no-run
  say "browser tests (Playwright in Debian's Chromium)"
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
  export ACK_SERVER_BIN=$(server_bin) ACK_SITE_ROOT=$ROOT/target/site ACK_CONTENT_DIR=$ROOT/content
  node end2end/run-server-and-tests.mjs
  say "load-and-fault suite (concurrency, slow clients, floods, database outage, nginx, two processes)"
  node end2end/load/suite.mjs
}

bench() {
  apt_install nginx wrk
  build_site
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
  say "HTTP benchmark: the console next to /healthz and nginx (bench/http.mjs)"
  export ACK_SERVER_BIN=$(server_bin) ACK_SITE_ROOT=$ROOT/target/site ACK_CONTENT_DIR=$ROOT/content
  node bench/http.mjs "${2:-8}"
  say "Scale benchmark: 10,000 entries in four locales (bench/scale.mjs)"
  node bench/scale.mjs 10000 "${2:-6}"
}

case "${1:-}" in
  serve) serve ;;
  test) test_all ;;
  bench) bench "$@" ;;
  build) build_site ;;
  *)
    echo "usage: $0 serve|test|build|bench [seconds]" >&2
    exit 2
    ;;
esac
