#!/usr/bin/env bash
# Installs Debian's linux-source-6.1 (when missing) and unpacks it into a cache
# folder outside the repository, once. Prints the folder on stdout.
#   KLS_LINUX_DIR  where the tree goes (default ~/.cache/kls/linux-6.1)
# Idempotent: a complete earlier unpack (marked by .kls-unpacked) is reused.
set -euo pipefail

dest=${KLS_LINUX_DIR:-$HOME/.cache/kls/linux-6.1}
tarball=/usr/src/linux-source-6.1.tar.xz

if [ -f "$dest/.kls-unpacked" ] && [ -f "$dest/Kconfig" ]; then
  echo "$dest"
  exit 0
fi

if [ ! -f "$tarball" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fetch-linux-source: $tarball is missing; install it with: sudo apt-get install linux-source-6.1" >&2
    exit 1
  fi
  echo "fetch-linux-source: installing linux-source-6.1 with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq linux-source-6.1 >&2
fi

# Unpack next to the destination, then rename: an interrupted run never
# leaves a half tree that looks complete.
parent=$(dirname "$dest")
mkdir -p "$parent"
tmp=$(mktemp -d "$parent/.unpack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "fetch-linux-source: unpacking $tarball into $dest" >&2
tar -xJf "$tarball" -C "$tmp"
top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -f "$top/Kconfig" ] || { echo "fetch-linux-source: no Kconfig at the top of $tarball" >&2; exit 1; }
touch "$top/.kls-unpacked"
rm -rf "$dest"
mv "$top" "$dest"
echo "$dest"
