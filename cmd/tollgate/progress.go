package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/tollgate/tollgate"
)

// progressLine draws how far a scan has got on one line of a terminal,
// redrawn at most ten times a second, and erases it before anything else
// is printed. It draws nothing when w is not a terminal (CI logs, pipes).
type progressLine struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	drawn bool
	now   func() time.Time
}

// newProgressLine returns nil when w is not a terminal.
func newProgressLine(w io.Writer) *progressLine {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progressLine{w: w, now: time.Now}
}

func (p *progressLine) update(s tollgate.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if s.Image == "" && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	line := fmt.Sprintf("tollgate: %d files read, %d resources evaluated", s.Files, s.Resources)
	if s.Image != "" {
		line = "tollgate: pulling and cataloguing " + s.Image
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.drawn = true
}

// clear erases the line, if one was drawn.
func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
