package tagger

// Feature hashing: a feature is a template (a short name such as "w-1=")
// and a value; its bucket is FNV-1a over both, finished with a 64-bit mixer
// so the low bits (the bucket) depend on every byte.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Tpl is a template's hash state, the starting point of its features.
type Tpl uint64

// NewTpl hashes a template name.
func NewTpl(name string) Tpl { return Tpl(hstr(fnvOffset, name)) }

// Str returns the feature template=value.
func (t Tpl) Str(v string) uint64 { return fmix(hstr(uint64(t), v)) }

// Str2 returns the feature template=a|b.
func (t Tpl) Str2(a, b string) uint64 {
	return fmix(hstr(hstr(hstr(uint64(t), a), "|"), b))
}

// Str3 returns the feature template=a|b|c.
func (t Tpl) Str3(a, b, c string) uint64 {
	h := hstr(hstr(hstr(uint64(t), a), "|"), b)
	return fmix(hstr(hstr(h, "|"), c))
}

// Int returns the feature template=v.
func (t Tpl) Int(v uint64) uint64 {
	h := uint64(t)
	for i := 0; i < 8; i++ {
		h ^= v & 0xff
		h *= fnvPrime
		v >>= 8
	}
	return fmix(h)
}

// Bias is the feature template with no value.
func (t Tpl) Bias() uint64 { return fmix(uint64(t)) }

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// fmix is MurmurHash3's 64-bit finaliser.
func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
