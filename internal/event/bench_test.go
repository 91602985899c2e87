package event

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"newsgraph/internal/cputime"
)

// BenchmarkCodeSentences measures actor+event coding (tokenising, actor
// and agent matching, verb patterns) per sentence with the full Phoenix
// dictionaries, over the PLOVER dev sentences (real news style).
func BenchmarkCodeSentences(b *testing.B) {
	st := loadStage(b)
	f, err := os.Open(shared + "/events-dev/plover_gsr_dev.jsonl")
	if err != nil {
		b.Skip(err)
	}
	var texts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r Record
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			texts = append(texts, r.Text)
		}
	}
	f.Close()
	d := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	c := st.Coder()
	b.ResetTimer()
	cpu0 := cputime.Used()
	n := 0
	for i := 0; i < b.N; i++ {
		t := texts[i%len(texts)]
		c.CodeText(t, d)
		n++
	}
	cpu := cputime.Used() - cpu0
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
	// on a shared machine wall time counts other processes too: CPU time
	// of this (single-goroutine) loop is the per-core figure
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "sentences/cpu-s")
	}
}
