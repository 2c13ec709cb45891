package terraform

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// HCL's parser recurses once per nested bracket, template sequence, unary
// operator and conditional, and evaluation recurses once per level of the
// expression tree, which chains of binary operators and index steps deepen
// without any bracket: 100,000 nested parentheses overflow the goroutine
// stack, which kills the process. Each token also costs the parser about
// 350 bytes, so 10 MiB of "1," takes gigabytes. checkSource refuses both
// before anything is parsed.

// maxNesting bounds how deeply the expressions of a file may nest: brackets,
// braces, parentheses, strings and heredocs, template interpolations and
// directives, and the operators and index steps chained within one
// expression (each adds a level to the expression tree). Real configurations
// stay far below it. A deeper file is an error at the line where the limit
// is crossed, and is not parsed.
const maxNesting = 256

// maxTokens bounds the size of one file in tokens, counted on the bytes
// before anything is parsed: every word, number and symbol, in strings and
// comments too (each non-ASCII character counts as one). It is about 3 MB of
// ordinary Terraform, and keeps what the parser allocates under about
// 700 MB. A larger file is an error, and is not parsed.
const maxTokens = 1_000_000

// sourceMode is how a source starts.
type sourceMode int

const (
	// configMode: a .tf or .tfvars file (a body).
	configMode sourceMode = iota
	// templateMode: a template (templatefile, a string of a .tf.json file).
	templateMode
	// exprMode: a lone expression (a -var value).
	exprMode
)

// limitError is a limit of this package crossed at a line.
type limitError struct {
	line int
	msg  string
}

func (e *limitError) Error() string { return e.msg }

// checkSource checks, before it is parsed, that src (read in mode, starting
// at pos, embedded at nesting base) stays within maxNesting and, when
// tokens is set, within maxTokens (a string of a .tf.json file was counted
// with its document).
func checkSource(src []byte, mode sourceMode, filename string, pos hcl.Pos, base int, tokens bool) *limitError {
	// First an upper bound of the tokens that does not depend on where
	// strings, heredocs and comments start and end, so that lexing is cheap
	// enough whatever src holds: the lexer makes at most two tokens a unit.
	if tokens {
		if n, at := tokenUnits(src, maxTokens); n > maxTokens {
			return tooManyTokens(pos.Line + bytes.Count(src[:at], []byte("\n")))
		}
	}
	// Then the nesting, on the tokens of HCL's own lexer, so that strings,
	// heredocs and comments end exactly where the parser sees them end.
	var toks hclsyntax.Tokens
	switch mode {
	case configMode:
		toks, _ = hclsyntax.LexConfig(src, filename, pos)
	case templateMode:
		toks, _ = hclsyntax.LexTemplate(src, filename, pos)
	default:
		toks, _ = hclsyntax.LexExpression(src, filename, pos)
	}
	return checkNesting(toks, mode, base)
}

func tooManyTokens(line int) *limitError {
	return &limitError{line: line, msg: fmt.Sprintf("more than %d tokens: too large to read", maxTokens)}
}

// tokenUnits counts the units of src: each run of ASCII letters, digits and
// underscores, each other ASCII character but spaces and tabs, each
// non-ASCII character (or invalid byte). It stops once over limit, at the
// offset it returns.
func tokenUnits(src []byte, limit int) (n, at int) {
	inWord := false
	for i := 0; i < len(src); {
		if n > limit {
			return n, i
		}
		c := src[i]
		switch {
		case c >= utf8.RuneSelf:
			_, size := utf8.DecodeRune(src[i:])
			i += size
			n++
			inWord = false
			continue
		case c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'):
			if !inWord {
				n++
			}
			inWord = true
		case c == ' ' || c == '\t':
			inWord = false
		default:
			n++
			inWord = false
		}
		i++
	}
	return n, len(src)
}

// nestFrame is an open bracket, string or template sequence.
type nestFrame struct {
	open hclsyntax.TokenType
	// seq counts the operators and index steps of the current item: a chain
	// of them nests the expression tree.
	seq int
	// keyword is the first word of a %{ directive.
	keyword string
}

// tokDirective is the frame of the body of a %{ if } or %{ for } directive,
// up to its end keyword (not a token type of HCL's).
const tokDirective hclsyntax.TokenType = -1

// checkNesting walks the tokens, keeping a stack of what is open. A closing
// token closes the innermost frame only when it matches it, so that the
// stack is never shallower than the parser's. The nesting is the frames
// open plus the operators chained in each.
func checkNesting(toks hclsyntax.Tokens, mode sourceMode, base int) *limitError {
	root := nestFrame{open: hclsyntax.TokenOBrace}
	if mode == exprMode {
		root.open = hclsyntax.TokenOParen
	}
	stack := []nestFrame{root}
	depth := base
	check := func(t hclsyntax.Token) *limitError {
		if depth > maxNesting {
			return &limitError{line: t.Range.Start.Line, msg: fmt.Sprintf("expressions nested deeper than %d levels (brackets, template sequences, chained operators)", maxNesting)}
		}
		return nil
	}
	push := func(open hclsyntax.TokenType) {
		stack = append(stack, nestFrame{open: open})
		depth++
	}
	pop := func() nestFrame {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		depth -= 1 + f.seq
		return f
	}
	popIf := func(open ...hclsyntax.TokenType) (nestFrame, bool) {
		if len(stack) < 2 {
			return nestFrame{}, false
		}
		for _, o := range open {
			if stack[len(stack)-1].open == o {
				return pop(), true
			}
		}
		return nestFrame{}, false
	}
	op := func() {
		stack[len(stack)-1].seq++
		depth++
	}
	term := false
	for i, t := range toks {
		wasTerm := term
		term = false
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOParen, hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
			push(t.Type)
		case hclsyntax.TokenOBrack:
			if wasTerm {
				op() // an index step: a[x][y] nests
			}
			push(t.Type)
		case hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			push(t.Type)
			if t.Type == hclsyntax.TokenTemplateControl && i+1 < len(toks) && toks[i+1].Type == hclsyntax.TokenIdent {
				stack[len(stack)-1].keyword = string(toks[i+1].Bytes)
			}
		case hclsyntax.TokenCBrace:
			popIf(hclsyntax.TokenOBrace)
			term = true
		case hclsyntax.TokenCBrack:
			popIf(hclsyntax.TokenOBrack)
			term = true
		case hclsyntax.TokenCParen:
			popIf(hclsyntax.TokenOParen)
			term = true
		case hclsyntax.TokenCQuote:
			popIf(hclsyntax.TokenOQuote)
			term = true
		case hclsyntax.TokenCHeredoc:
			popIf(hclsyntax.TokenOHeredoc)
			term = true
		case hclsyntax.TokenTemplateSeqEnd:
			f, ok := popIf(hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl)
			if ok && f.open == hclsyntax.TokenTemplateControl {
				switch f.keyword {
				case "if", "for":
					push(tokDirective)
				case "endif", "endfor":
					popIf(tokDirective)
				}
			}
		case hclsyntax.TokenIdent, hclsyntax.TokenNumberLit:
			term = true
		case hclsyntax.TokenComma:
			f := &stack[len(stack)-1]
			depth -= f.seq
			f.seq = 0
		case hclsyntax.TokenNewline:
			if f := &stack[len(stack)-1]; f.open == hclsyntax.TokenOBrace {
				depth -= f.seq
				f.seq = 0
			}
		case hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash,
			hclsyntax.TokenPercent, hclsyntax.TokenBang, hclsyntax.TokenQuestion,
			hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan,
			hclsyntax.TokenGreaterThan, hclsyntax.TokenLessThanEq, hclsyntax.TokenGreaterThanEq,
			hclsyntax.TokenAnd, hclsyntax.TokenOr:
			op()
		}
		if err := check(t); err != nil {
			return err
		}
	}
	return nil
}
