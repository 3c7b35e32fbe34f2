package importer

import (
	"encoding/hex"
	"hash"
	"io"
)

// countingReader counts (and hashes) the bytes read through it and reports
// progress about every megabyte.
type countingReader struct {
	r        io.Reader
	h        hash.Hash
	n, next  int64
	progress func(int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if n > 0 {
		if c.h != nil {
			c.h.Write(b[:n])
		}
		c.n += int64(n)
		if c.progress != nil && (c.n >= c.next || err != nil) {
			c.progress(c.n)
			c.next = c.n + 1<<20
		}
	}
	return n, err
}

func (c *countingReader) sum() string {
	if c.h == nil {
		return ""
	}
	return hex.EncodeToString(c.h.Sum(nil))
}
