//! Markdown syntax recognition: classifying lines into blocks (headings, rules, tables, lists, code fences,
//! lone images) and scanning inline delimiters (links, code spans, emphasis).

use std::ops::Range;

/// Whether the line at `i` starts a block other than a paragraph (so it ends a paragraph).
pub(super) fn starts_block(lines: &[&str], i: usize) -> bool {
    let Some(&line) = lines.get(i) else { return false };
    let trimmed = line.trim();
    Fence::open(line).is_some()
        || heading(line).is_some()
        || is_rule(trimmed)
        || ListMarker::parse(line).is_some()
        || is_table_start(lines, i)
        || lone_image(trimmed).is_some()
}

/// An ATX heading: its level and text (closing `#`s removed).
pub(super) fn heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = trimmed.get(level..)?;
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim();
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// A horizontal rule: three or more `-`, `*` or `_` alone.
pub(super) fn is_rule(trimmed: &str) -> bool {
    trimmed.len() >= 3 && ['-', '*', '_'].iter().any(|&c| trimmed.chars().all(|t| t == c))
}

/// Whether a pipe table starts at `i`: a row with `|`, then a separator with as many columns.
pub(super) fn is_table_start(lines: &[&str], i: usize) -> bool {
    match (lines.get(i), lines.get(i + 1).and_then(|l| separator(l))) {
        (Some(header), Some(aligns)) => header.contains('|') && split_row(header).len() == aligns.len(),
        _ => false,
    }
}

/// Parses a table separator row (`|---|:--:|--:|`) into column alignments.
pub(super) fn separator(line: &str) -> Option<Vec<Option<&'static str>>> {
    if !line.contains('-') {
        return None;
    }
    split_row(line)
        .into_iter()
        .map(|cell| {
            let dashes = cell.strip_prefix(':').unwrap_or(cell);
            let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
            if dashes.is_empty() || !dashes.chars().all(|c| c == '-') {
                return None;
            }
            Some(match (cell.starts_with(':'), cell.ends_with(':')) {
                (true, true) => Some("center"),
                (true, false) => Some("left"),
                (false, true) => Some("right"),
                (false, false) => None,
            })
        })
        .collect()
}

/// Splits a table row on `|` (not escaped, not inside a code span), without its outer pipes; cells trimmed.
pub(super) fn split_row(line: &str) -> Vec<&str> {
    let trimmed = line.trim();
    let trimmed = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let trimmed = match trimmed.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => trimmed,
    };
    let mut cells = Vec::new();
    let mut cell_start = 0;
    let mut in_code = false;
    let mut escaped = false;
    for (at, c) in trimmed.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => {
                cells.push(trimmed.get(cell_start..at).unwrap_or("").trim());
                cell_start = at + 1;
            }
            _ => {}
        }
    }
    cells.push(trimmed.get(cell_start..).unwrap_or("").trim());
    cells
}

/// A list item's marker: `- ` or `1. `.
#[derive(Clone, Copy)]
pub(super) struct ListMarker<'a> {
    pub(super) ordered: bool,
    pub(super) number: u64,
    /// Columns from the line start to the item's text: continuation lines are indented at least this much.
    pub(super) width: usize,
    pub(super) content: &'a str,
}

impl<'a> ListMarker<'a> {
    pub(super) fn parse(line: &'a str) -> Option<Self> {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let (ordered, number, marker_len) = if trimmed.starts_with("- ") || trimmed == "-" {
            (false, 0, 1)
        } else {
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            let after = trimmed.get(digits..)?;
            if !(1..=9).contains(&digits) || !(after.starts_with(". ") || after == ".") {
                return None;
            }
            (true, trimmed.get(..digits)?.parse().ok()?, digits + 1)
        };
        let rest = trimmed.get(marker_len..)?;
        let content = rest.trim_start();
        let spaces = (rest.len() - content.len()).clamp(1, 4);
        Some(Self { ordered, number, width: indent + marker_len + spaces, content: content.trim_end() })
    }
}

/// An opening code fence: ```` ``` ```` or `~~~`, at least three, with an optional language.
pub(super) struct Fence {
    marker: char,
    len: usize,
    pub(super) indent: usize,
    pub(super) language: String,
}

impl Fence {
    pub(super) fn open(line: &str) -> Option<Self> {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|&c| c == '`' || c == '~')?;
        let len = trimmed.chars().take_while(|&c| c == marker).count();
        let info = trimmed.get(len..)?.trim();
        if len < 3 || (marker == '`' && info.contains('`')) {
            return None;
        }
        let language = info.split_whitespace().next().unwrap_or("").to_owned();
        Some(Self { marker, len, indent: line.len() - trimmed.len(), language })
    }

    pub(super) fn closes(&self, line: &str) -> bool {
        let trimmed = line.trim();
        trimmed.len() >= self.len && trimmed.chars().all(|c| c == self.marker)
    }
}

/// `line` without `width` columns of leading indentation (a tab counts 4), or `None` if it is indented less.
pub(super) fn strip_indent(line: &str, width: usize) -> Option<&str> {
    let mut columns = 0;
    for (at, c) in line.char_indices() {
        if columns >= width {
            return line.get(at..);
        }
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4,
            _ => return None,
        }
    }
    (columns >= width).then_some("")
}

/// A link or image: the range of its text (or alt) and its destination.
pub(super) struct Link {
    pub(super) text: Range<usize>,
    pub(super) dest: String,
    /// Index just past the closing `)`.
    pub(super) end: usize,
}

/// Parses `[text](dest)` starting at the `[` at `open`.
pub(super) fn parse_link(s: &[char], open: usize) -> Option<Link> {
    let mut depth = 0usize;
    let mut j = open;
    let close = loop {
        match *s.get(j)? {
            '\\' => j += 2,
            '`' => {
                let n = run_len(s, j, '`');
                j = code_close(s, j + n, n).map_or(j + n, |close| close + n);
            }
            '[' => {
                depth += 1;
                j += 1;
            }
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break j;
                }
                j += 1;
            }
            _ => j += 1,
        }
    };
    if s.get(close + 1) != Some(&'(') {
        return None;
    }
    let mut depth = 0usize;
    let mut j = close + 2;
    let end = loop {
        match *s.get(j)? {
            '\\' => j += 2,
            '(' => {
                depth += 1;
                j += 1;
            }
            ')' if depth == 0 => break j,
            ')' => {
                depth -= 1;
                j += 1;
            }
            _ => j += 1,
        }
    };
    let inside: String = s.get(close + 2..end)?.iter().collect();
    // An optional title (`[t](url "title")`) is ignored.
    let dest = inside.split_whitespace().next()?.to_owned();
    Some(Link { text: open + 1..close, dest, end: end + 1 })
}

/// An image alone on a line (after trimming).
pub(super) fn lone_image(trimmed: &str) -> Option<ImageLine> {
    if !trimmed.starts_with("![") {
        return None;
    }
    let chars: Vec<char> = trimmed.chars().collect();
    let link = parse_link(&chars, 1).filter(|link| link.end == chars.len())?;
    Some(ImageLine { alt: chars.get(link.text)?.iter().collect(), dest: link.dest })
}

/// An image alone on its line, rendered as a figure.
pub(super) struct ImageLine {
    pub(super) alt: String,
    pub(super) dest: String,
}

/// How many `c` there are in a row from `at`.
pub(super) fn run_len(s: &[char], at: usize, c: char) -> usize {
    s.get(at..).unwrap_or_default().iter().take_while(|&&x| x == c).count()
}

/// The start of the next run of exactly `n` backticks from `from`.
pub(super) fn code_close(s: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while let Some(&c) = s.get(j) {
        if c == '`' {
            let m = run_len(s, j, '`');
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// The start of the delimiter closing `*` (or `**` when `strong`) whose content starts at `start`.
pub(super) fn emphasis_close(s: &[char], start: usize, strong: bool) -> Option<usize> {
    if s.get(start).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut j = start;
    while let Some(&c) = s.get(j) {
        match c {
            '\\' => j += 2,
            '`' => {
                let n = run_len(s, j, '`');
                j = code_close(s, j + n, n).map_or(j + n, |close| close + n);
            }
            '*' => {
                let n = run_len(s, j, '*');
                let after_text = j > start && s.get(j - 1).is_some_and(|p| !p.is_whitespace());
                if after_text && strong && n >= 2 {
                    return Some(j + n - 2);
                }
                if after_text && !strong && n % 2 == 1 {
                    return Some(j + n - 1);
                }
                j += n;
            }
            _ => j += 1,
        }
    }
    None
}
