package cmd

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/salesgoal/salesgoal/metric"
)

// The browser test renders the demo's HTML report in headless Chromium and
// looks at the screenshot. Locally it is skipped when no browser is
// installed; in CI (CI=true) a missing browser fails it: .ci/run installs
// Chromium. SALESGOAL_TEST_CHROMIUM names the browser to use.

// screenshotSize is the browser's window, and so the screenshot's size:
// the page's width for a mail client, and tall enough for its start.
const screenshotWidth, screenshotHeight = 760, 2400

// readmeHeight is how much of the top of the screenshot the README shows:
// the summary, the changes, a goal with tiers and the company's revenue
// goal with the first of the reps' beneath it.
const readmeHeight = 2140

// findBrowser returns the headless browser to drive, or "" when there is
// none.
func findBrowser() string {
	if p := os.Getenv("SALESGOAL_TEST_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportHTMLBrowser renders `salesgoal demo --format html --since 7d`
// in headless Chromium, with the network cut off, and checks the
// screenshot: its size, that it is not blank, and that it shows the
// colour of each status the demo's goals have. The page itself must
// load nothing from anywhere (external, in report_html_test.go). With
// -update, the top of the screenshot becomes docs/report-html.png, the
// README's picture.
func TestReportHTMLBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no headless browser (chromium) in CI: .ci/run installs it; SALESGOAL_TEST_CHROMIUM names it")
		}
		t.Skip("no headless browser installed (chromium): install it, or set SALESGOAL_TEST_CHROMIUM, to run this test")
	}
	env, out, errOut := testEnv(nil)
	if code := run(env, []string{"demo", "--format", "html", "--since", "7d"}); code != exitOK {
		t.Fatalf("demo: exit status %d: %s", code, errOut)
	}
	if m := external.FindString(out.String()); m != "" {
		t.Fatalf("the page could fetch something: %q in it", m)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "demo.html")
	if err := os.WriteFile(page, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "demo.png")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		// Any name the page tried to reach would not resolve.
		"--host-resolver-rules=MAP * ~NOTFOUND",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot,
		"--window-size="+strconv.Itoa(screenshotWidth)+","+strconv.Itoa(screenshotHeight), "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, stderr.String())
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != screenshotWidth || b.Dy() != screenshotHeight {
		t.Errorf("screenshot is %d×%d, want %d×%d", b.Dx(), b.Dy(), screenshotWidth, screenshotHeight)
	}
	colours, ink := map[color.RGBA]bool{}, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgba(img.At(x, y))
			colours[c] = true
			if c.R < 200 || c.G < 200 || c.B < 200 {
				ink++
			}
		}
	}
	if len(colours) < 50 || ink < b.Dx()*b.Dy()/100 {
		t.Errorf("the screenshot looks blank: %d colours, %d dark pixels", len(colours), ink)
	}
	// The demo's goals are on track, at risk, behind, achieved and
	// missed: each colour shows, in its status's swatches and lines.
	for _, st := range []metric.Status{metric.StatusOnTrack, metric.StatusAtRisk, metric.StatusBehind, metric.StatusAchieved, metric.StatusMissed} {
		want := hexColour(t, lookOf(st).html)
		if n := countNear(img, want, 6); n < 100 {
			t.Errorf("status %s: %d pixels of its colour %s, want at least 100", st, n, lookOf(st).html)
		}
	}
	if *update {
		top := image.NewRGBA(image.Rect(0, 0, screenshotWidth, readmeHeight))
		for y := range readmeHeight {
			for x := range screenshotWidth {
				top.Set(x, y, img.At(b.Min.X+x, b.Min.Y+y))
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, top); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", "report-html.png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rgba is a pixel as 8-bit RGBA.
func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// hexColour reads "#0072B2".
func hexColour(t *testing.T, s string) color.RGBA {
	t.Helper()
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil || len(s) != 7 || s[0] != '#' {
		t.Fatalf("colour %q: %v", s, err)
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

// countNear counts the pixels within tol of want in each channel.
func countNear(img image.Image, want color.RGBA, tol int) int {
	near := func(a, b uint8) bool { d := int(a) - int(b); return d >= -tol && d <= tol }
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgba(img.At(x, y))
			if near(c.R, want.R) && near(c.G, want.G) && near(c.B, want.B) {
				n++
			}
		}
	}
	return n
}
