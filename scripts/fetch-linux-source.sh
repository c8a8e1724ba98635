#!/usr/bin/env bash
# Installs Debian's linux-source-VERSION (when missing) and unpacks it into a
# cache folder outside the repository, once. Prints the folder on stdout.
#   usage: fetch-linux-source.sh [VERSION]     VERSION: 6.1 (default) or 6.12
#   KLS_LINUX_DIR      where the 6.1 tree goes   (default ~/.cache/kls/linux-6.1)
#   KLS_LINUX_612_DIR  where the 6.12 tree goes  (default ~/.cache/kls/linux-6.12)
# Other versions use KLS_LINUX_<digits>_DIR (e.g. 6.6 -> KLS_LINUX_66_DIR).
# Idempotent: a complete earlier unpack (marked by .kls-unpacked) is reused.
set -euo pipefail

version=${1:-6.1}
case "$version" in
  [0-9]*.[0-9]*) ;;
  *) echo "fetch-linux-source: bad version '$version' (want e.g. 6.1 or 6.12)" >&2; exit 2 ;;
esac
if [ "$version" = 6.1 ]; then
  dest=${KLS_LINUX_DIR:-$HOME/.cache/kls/linux-6.1}
else
  var="KLS_LINUX_${version//./}_DIR"
  dest=${!var:-$HOME/.cache/kls/linux-$version}
fi
package=linux-source-$version
tarball=/usr/src/$package.tar.xz

if [ -f "$dest/.kls-unpacked" ] && [ -f "$dest/Kconfig" ]; then
  echo "$dest"
  exit 0
fi

if [ ! -f "$tarball" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fetch-linux-source: $tarball is missing; install it with: sudo apt-get install $package" >&2
    exit 1
  fi
  echo "fetch-linux-source: installing $package with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "$package" >&2
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
