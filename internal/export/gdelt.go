package export

import (
	"errors"
	"fmt"
	"io"
)

// ErrGDELTUnavailable is returned for the GDELT formats while package
// internal/gdelt (the events engineer's GDELT 2.0 table writers) is not
// wired in.
var ErrGDELTUnavailable = errors.New("GDELT table writers (internal/gdelt) not available in this build")

// newGDELT returns the writer of a GDELT table.
// TODO(store): delegate to internal/gdelt once it lands.
func newGDELT(format string, w io.Writer) (Writer, error) {
	return nil, fmt.Errorf("export %s: %w", format, ErrGDELTUnavailable)
}
