package crm

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encodings salesgoal reads.
const (
	EncodingUTF8        = "utf-8"
	EncodingWindows1252 = "windows-1252"
)

// Shape is how a file's bytes are to be read.
type Shape struct {
	Encoding     string // "utf-8" or "windows-1252"
	BOM          bool   // a UTF-8 byte-order mark starts the file
	Delimiter    rune   // ',' ';' or '\t'
	DecimalComma bool   // the file looks like a decimal-comma locale (see Sniff)
	CR           bool   // lines end in a lone CR (Excel's "CSV (Macintosh)")
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ParseEncoding reads the name of an encoding: "" (detect), "utf-8"/"utf8",
// or "windows-1252"/"cp1252"/"latin1"/"iso-8859-1". Latin-1 is read as
// Windows-1252, its superset in practice (as browsers do).
func ParseEncoding(s string) (string, error) {
	switch HeaderKey(s) {
	case "":
		return "", nil
	case "utf8":
		return EncodingUTF8, nil
	case "windows1252", "cp1252", "latin1", "iso88591", "win1252", "ansi":
		return EncodingWindows1252, nil
	}
	return "", fmt.Errorf("unknown encoding %q: use utf-8 or windows-1252", s)
}

// Sniff inspects the first bytes of a file (up to 1 MiB) and says how to
// read it.
//
// Encoding: "" detects: bytes that are not valid UTF-8 are Windows-1252
// (Salesforce's data export, Excel on Windows); other names force it.
// Delimiter: of ',', ';' and tab, the one that appears in the header
// (outside quotes) and the same number of times on the most of the first
// 50 lines; ',' when none does.
// DecimalComma: only for a ';' or tab file (a comma file cannot carry
// unquoted decimal commas), true when some cell reads as a decimal-comma
// amount ("1.234,50", "12,5", "-3,75") and no cell reads as a
// decimal-point amount ("2424.5", "1,234.50").
func Sniff(head []byte, encoding string) (Shape, error) {
	enc, err := ParseEncoding(encoding)
	if err != nil {
		return Shape{}, err
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return Shape{}, errors.New("the file is UTF-16 (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" and import that")
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return Shape{}, errors.New("the file is an Excel workbook (.xlsx) or a ZIP archive, not CSV: in Excel, save it with File › Save As › CSV UTF-8")
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return Shape{}, errors.New("the file is compressed (gzip): decompress it (gunzip) and import the CSV inside")
	case bytes.IndexByte(head, 0) >= 0:
		return Shape{}, errors.New("the file holds binary data (NUL bytes), not CSV text: export the data again as CSV")
	}
	s := Shape{Encoding: enc}
	if bytes.IndexByte(head, '\n') < 0 && bytes.IndexByte(head, '\r') >= 0 {
		s.CR = true
		head = bytes.ReplaceAll(head, []byte("\r"), []byte("\n"))
	}
	if bytes.HasPrefix(head, utf8BOM) {
		s.BOM = true
		head = head[len(utf8BOM):]
		if s.Encoding == "" {
			s.Encoding = EncodingUTF8
		}
	}
	if s.Encoding == "" {
		s.Encoding = EncodingUTF8
		if !utf8.Valid(trimPartialRune(head)) {
			s.Encoding = EncodingWindows1252
		}
	}
	// Delimiters and digits are ASCII, the same bytes in both encodings.
	lines := splitLines(head, 50)
	s.Delimiter = sniffDelimiter(lines)
	if s.Delimiter != ',' {
		s.DecimalComma = sniffDecimalComma(lines, s.Delimiter)
	}
	return s, nil
}

// trimPartialRune drops a rune cut in half by the end of the head.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// splitLines splits up to max records, honouring quotes (a quoted field
// may hold newlines). The last line is dropped when the head ends inside it,
// unless it is the only one.
func splitLines(b []byte, max int) [][]byte {
	var lines [][]byte
	inQuote, start := false, 0
	for i := 0; i < len(b) && len(lines) < max; i++ {
		switch b[i] {
		case '"':
			inQuote = !inQuote
		case '\n':
			if !inQuote {
				lines = append(lines, bytes.TrimRight(b[start:i], "\r"))
				start = i + 1
			}
		}
	}
	if len(lines) < max && start < len(b) && (len(lines) == 0 || len(b) < 1<<20) {
		lines = append(lines, bytes.TrimRight(b[start:], "\r"))
	}
	return lines
}

// countOutsideQuotes counts delim in a line, outside quoted fields.
func countOutsideQuotes(line []byte, delim byte) int {
	n, inQuote := 0, false
	for _, c := range line {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == delim && !inQuote:
			n++
		}
	}
	return n
}

func sniffDelimiter(lines [][]byte) rune {
	best, bestScore, bestHeader := ',', -1, 0
	for _, d := range []byte{',', ';', '\t'} {
		if len(lines) == 0 {
			break
		}
		h := countOutsideQuotes(lines[0], d)
		if h == 0 {
			continue
		}
		score := 0
		for _, l := range lines[1:] {
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			if countOutsideQuotes(l, d) == h {
				score++
			}
		}
		if score > bestScore || (score == bestScore && h > bestHeader) {
			best, bestScore, bestHeader = rune(d), score, h
		}
	}
	return best
}

var (
	decimalCommaCell = regexp.MustCompile(`^[-+]?\D{0,4}?\s?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}\s?\D{0,4}$`)
	decimalPointCell = regexp.MustCompile(`^[-+]?\D{0,4}?\s?(\d{1,3}(,\d{3})+|\d+)\.(\d{1,2}|\d{4,})\s?\D{0,4}$`)
)

func sniffDecimalComma(lines [][]byte, delim rune) bool {
	comma, point := 0, 0
	for _, l := range lines[min(1, len(lines)):] {
		for _, cell := range strings.Split(string(l), string(delim)) {
			cell = strings.Trim(strings.TrimSpace(cell), `"`)
			switch {
			case decimalCommaCell.MatchString(cell):
				comma++
			case decimalPointCell.MatchString(cell):
				point++
			}
		}
	}
	return comma > 0 && point == 0
}

// Reader returns r decoded to UTF-8 with any UTF-8 BOM removed. Line ends
// are left as they are (encoding/csv reads CRLF itself), except lone CRs,
// which become LFs.
func (s Shape) Reader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	var r2 io.Reader = br
	if s.CR {
		r2 = crReader{br}
	}
	if s.Encoding == EncodingWindows1252 {
		return charmap.Windows1252.NewDecoder().Reader(r2)
	}
	return r2
}

// crReader turns lone-CR line ends into LF, which encoding/csv reads.
type crReader struct{ r io.Reader }

func (c crReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	for i := range b[:n] {
		if b[i] == '\r' {
			b[i] = '\n'
		}
	}
	return n, err
}
