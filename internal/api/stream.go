package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// heartbeat keeps idle SSE connections (and proxies) alive.
const heartbeat = 15 * time.Second

// stream is GET /api/alerts/stream: server-sent events, one "alert" event
// per hit, optionally only for ?alert=ID. Each hit reaches the stream once
// (alert.Engine records the "sse" channel before broadcasting).
func (h *Handler) stream(w http.ResponseWriter, r *http.Request) {
	if h.cfg.Alerts == nil {
		writeError(w, http.StatusNotFound, "alerts are not enabled on this server")
		return
	}
	only := r.URL.Query().Get("alert")
	if only != "" && !ValidID(only) {
		writeError(w, http.StatusBadRequest, "invalid alert id")
		return
	}
	rc := http.NewResponseController(w)
	events, cancel := h.cfg.Alerts.Hub().Subscribe(256)
	defer cancel()
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(s string) bool {
		rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
		if _, err := fmt.Fprint(w, s); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send(": newsgraph alert stream\nretry: 3000\n\n") {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if !send(": ping\n\n") {
				return
			}
		case ev, ok := <-events:
			if !ok {
				return
			}
			if only != "" && ev.AlertID != only {
				continue
			}
			b, err := json.Marshal(ev)
			if err != nil {
				continue
			}
			if !send("event: alert\nid: " + ev.AlertID + ":" + ev.Article.ID + "\ndata: " + string(b) + "\n\n") {
				return
			}
		}
	}
}
