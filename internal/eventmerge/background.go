package eventmerge

// Background reports whether a mention tells of a past event as
// background ("recent U.S. military operations", "the 2019 attack")
// rather than reporting it as news: such a mention joins the event it
// recalls without moving its dates, and a group of them alone is a
// reference-only event, not a new event of the publication date.
func Background(m Mention) bool {
	return m.Event.Reference
}
