#!/bin/sh
# ./make TARGET... -- `make TARGET...` on a machine that may not have make yet.
#
# A fresh Debian 12 (debootstrap --variant=minbase, the debian:12 image) has
# neither make nor a compiler. As root this installs make, then hands over to
# the Makefile, whose `deps` step installs everything else brief needs. Where
# make exists it is the same as running make.
set -e
cd "$(dirname "$0")"
if ! command -v make >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "brief needs make: run as root, or: apt-get install make" >&2
		exit 1
	fi
	echo "installing: make" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends make >&2
fi
exec make "$@"
