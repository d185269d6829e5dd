#!/usr/bin/env bash
# Installs what the `tripel serve` tests need on a fresh Debian machine: headless Chromium
# (tests/server_browser.rs) and Python's rdflib + SPARQLWrapper (tests/server_clients.py).
# Idempotent and quiet on success; prints the failing step's output on error.
set -euo pipefail

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() {
    if ! "$@" >"$log" 2>&1; then
        echo "server-deps: '$*' failed:" >&2
        cat "$log" >&2
        exit 1
    fi
}

sudo_if_needed() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
command -v python3 >/dev/null 2>&1 || missing_debs+=(python3)
python3 -m pip --version >/dev/null 2>&1 || missing_debs+=(python3-pip)
# Fonts, so screenshots show text rather than boxes.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing_debs+=(fonts-dejavu-core)
if [ "${#missing_debs[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    run sudo_if_needed apt-get update -q
    run sudo_if_needed apt-get install -y -q --no-install-recommends "${missing_debs[@]}"
fi

if ! python3 -c 'import rdflib, SPARQLWrapper' >/dev/null 2>&1; then
    # Debian marks its Python as externally managed; these two packages are pure Python.
    run python3 -m pip install --quiet --break-system-packages "rdflib>=7" "SPARQLWrapper>=2" \
        || run python3 -m pip install --quiet "rdflib>=7" "SPARQLWrapper>=2"
fi
