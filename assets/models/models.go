// Package models embeds the taggers newsgraph trains itself (NER, POS,
// chunking; English and Spanish). They are our own artifacts, so they are
// committed (gzip-compressed, int16-quantised) and shipped inside the
// binary; `newsgraph train` rebuilds them (see docs/ner.md).
package models

import "embed"

// FS holds the model files, named TASK-LANG[.pass1].model.gz.
//
//go:embed *.model.gz
var FS embed.FS
