#!/usr/bin/env bash
# Test setup, run by Maven before the integration tests: the HTML report test opens the report in
# Debian's headless Chromium. Installs the package when the machine lacks it; does nothing when
# chromium is already on the PATH.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "tests/setup/chromium.sh: chromium is missing and this user cannot install packages;" \
    "install Debian's chromium package (apt-get install chromium)" >&2
  exit 1
fi
echo "tests/setup/chromium.sh: installing Debian's chromium for the HTML report test..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
