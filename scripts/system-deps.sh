#!/usr/bin/env bash
# System packages the full test suite uses: Redis and PostgreSQL servers, Chromium for the browser
# tests, tesseract for OCR. Installed with apt-get when we are root on a Debian-like system; otherwise
# it says what to install and the tests that need a missing one are skipped with that reason.
set -u
pkgs=(redis-server postgresql chromium chromium-driver tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Not installing system packages (need root + apt-get). Missing: ${missing[*]}" >&2
  exit 1
fi
