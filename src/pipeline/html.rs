//! Markdown to a single self-contained HTML page.
//!
//! The pipeline writes its findings as `report.md`. A Markdown file needs a viewer to read well, and its
//! figures live in separate files; this module turns it into one `report.html` that opens in any browser,
//! offline, and survives being sent by email or copied alone: the stylesheet is inline and every image is
//! embedded as a base64 `data:` URI.
//!
//! We write the Markdown ourselves, so the parser supports only the subset we use (a line-based block
//! parser and an inline parser), not CommonMark:
//!
//! - ATX headings `#` to `######`, each with an `id` slugified from its text (GitHub style, deduplicated);
//! - paragraphs (consecutive lines joined) separated by blank lines;
//! - unordered (`- `) and ordered (`1. `) lists, nested by indenting under an item;
//! - GitHub pipe tables: a header row, a `|---|` separator with optional `:` alignment, body rows;
//! - fenced code blocks (```` ``` ```` or `~~~`, with an optional language);
//! - horizontal rules (`---`, `***`, `___`);
//! - inline: `` `code` ``, `**bold**`, `*italic*`, links `[text](url)`, images `![alt](path.png)` (alone on
//!   a line they become a figure), and backslash escapes.
//!
//! Text is HTML-escaped everywhere. An image that cannot be read is an error naming the file, never a page
//! with a silently missing figure.

mod encode;
mod syntax;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

use encode::{base64, escape, mime, push_escaped, slug};
use syntax::{
    Fence, ListMarker, code_close, emphasis_close, heading, is_rule, is_table_start, lone_image, parse_link, run_len,
    separator, split_row, starts_block, strip_indent,
};

/// Renders `markdown` into a complete HTML document titled `title`, reading images relative to `base_dir`.
///
/// # Errors
///
/// An image that cannot be read; the error names the file.
pub fn render(markdown: &str, title: &str, base_dir: &Path) -> io::Result<String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut renderer = Renderer { base_dir, ids: HashSet::new() };
    let mut body = String::with_capacity(markdown.len() * 2);
    renderer.blocks(&lines, false, &mut body)?;
    let mut page = String::with_capacity(body.len() + STYLE.len() + 256);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    page.push_str(&escape(title));
    page.push_str("</title>\n<style>\n");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n<main>\n");
    page.push_str(&body);
    page.push_str("</main>\n</body>\n</html>\n");
    Ok(page)
}

/// Reads `markdown_path`, renders it, and writes `html_path` atomically (temporary file in the same folder, then
/// rename).
///
/// Images are read relative to the folder of `markdown_path`.
///
/// # Errors
///
/// Reading the Markdown or an image, or writing the HTML; the error names the file.
pub fn render_file(markdown_path: &Path, html_path: &Path, title: &str) -> io::Result<()> {
    let markdown = fs::read_to_string(markdown_path).map_err(at(markdown_path))?;
    let base_dir = markdown_path.parent().unwrap_or(Path::new(""));
    let html = render(&markdown, title, base_dir)?;
    // The error names the file.
    gptomics_train::io::write_atomic(html_path, html.as_bytes()).map_err(io::Error::other)
}

/// Wraps an I/O error so that its message names `path`.
fn at(path: &Path) -> impl FnOnce(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// The inline stylesheet: readable on screen and in print, no external fonts.
const STYLE: &str = r#"body { margin: 0; color: #1f2328; background: #fff; line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; }
h1 { font-size: 2rem; margin-top: 0; }
h1, h2 { border-bottom: 1px solid #d8dee4; padding-bottom: 0.3em; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.25rem; }
h4, h5, h6 { font-size: 1rem; }
a { color: #0969da; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em;
  background: #eff1f3; padding: 0.1em 0.35em; border-radius: 4px; }
pre { background: #f6f8fa; padding: 1rem; overflow-x: auto; border-radius: 6px; line-height: 1.4; }
pre code { background: none; padding: 0; font-size: 0.85em; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: 0.95em; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d0d7de; padding: 0.35em 0.75em; vertical-align: top; }
th { background: #eaeef2; font-weight: 600; }
tbody tr:nth-child(even) { background: #f6f8fa; }
img { max-width: 100%; height: auto; }
figure { margin: 1.5rem 0; text-align: center; }
hr { border: 0; border-top: 1px solid #d8dee4; margin: 2rem 0; }
ul, ol { padding-left: 1.8em; }
li + li { margin-top: 0.2em; }
@media print { main { max-width: none; padding: 0; } pre, table, figure { break-inside: avoid; } }
"#;

/// Renders blocks and inlines; remembers heading ids so they stay unique.
struct Renderer<'a> {
    base_dir: &'a Path,
    ids: HashSet<String>,
}

impl Renderer<'_> {
    /// Renders the block-level structure of `lines`; in a `tight` list item, paragraphs are not wrapped in `<p>`.
    fn blocks(&mut self, lines: &[&str], tight: bool, out: &mut String) -> io::Result<()> {
        let mut i = 0;
        while let Some(&line) = lines.get(i) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                i += 1;
            } else if let Some(fence) = Fence::open(line) {
                i = self.code_block(lines, i, &fence, out);
            } else if let Some((level, text)) = heading(line) {
                self.heading(level, text, out)?;
                i += 1;
            } else if is_table_start(lines, i) {
                i = self.table(lines, i, out)?;
            } else if is_rule(trimmed) {
                out.push_str("<hr>\n");
                i += 1;
            } else if let Some(marker) = ListMarker::parse(line) {
                i = self.list(lines, i, marker, out)?;
            } else if let Some(image) = lone_image(trimmed) {
                out.push_str("<figure>");
                self.image(&image.alt, &image.dest, out)?;
                out.push_str("</figure>\n");
                i += 1;
            } else {
                let mut end = i + 1;
                while lines.get(end).is_some_and(|l| !l.trim().is_empty() && !starts_block(lines, end)) {
                    end += 1;
                }
                let text = lines.get(i..end).unwrap_or_default().iter().map(|l| l.trim()).collect::<Vec<_>>();
                if !tight {
                    out.push_str("<p>");
                }
                self.inline(&text.join("\n"), out)?;
                out.push_str(if tight { "\n" } else { "</p>\n" });
                i = end;
            }
        }
        Ok(())
    }

    /// Renders a fenced code block opening at `start`; returns the index of the line after it.
    fn code_block(&self, lines: &[&str], start: usize, fence: &Fence, out: &mut String) -> usize {
        out.push_str("<pre><code");
        if !fence.language.is_empty() {
            out.push_str(" class=\"language-");
            out.push_str(&escape(&fence.language));
            out.push('"');
        }
        out.push('>');
        let mut i = start + 1;
        let mut first = true;
        while let Some(&line) = lines.get(i) {
            i += 1;
            if fence.closes(line) {
                break;
            }
            if !first {
                out.push('\n');
            }
            first = false;
            out.push_str(&escape(strip_indent(line, fence.indent).unwrap_or_else(|| line.trim_start())));
        }
        out.push_str("</code></pre>\n");
        i
    }

    /// Renders a heading with a unique id slugified from its text.
    fn heading(&mut self, level: usize, text: &str, out: &mut String) -> io::Result<()> {
        let mut content = String::new();
        self.inline(text, &mut content)?;
        let base = slug(&content);
        let mut id = base.clone();
        let mut n = 1;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push_str(&format!("<h{level} id=\"{}\">{content}</h{level}>\n", escape(&id)));
        self.ids.insert(id);
        Ok(())
    }

    /// Renders a pipe table whose header is at `start`; returns the index of the line after it.
    fn table(&self, lines: &[&str], start: usize, out: &mut String) -> io::Result<usize> {
        let header = lines.get(start).map(|l| split_row(l)).unwrap_or_default();
        let aligns = lines.get(start + 1).and_then(|l| separator(l)).unwrap_or_default();
        out.push_str("<div class=\"table-wrap\"><table>\n<thead>\n");
        self.table_row(&header, &aligns, "th", out)?;
        out.push_str("</thead>\n");
        let mut i = start + 2;
        let mut body = false;
        while let Some(&line) = lines.get(i) {
            if line.trim().is_empty() || !line.contains('|') {
                break;
            }
            if !body {
                out.push_str("<tbody>\n");
                body = true;
            }
            self.table_row(&split_row(line), &aligns, "td", out)?;
            i += 1;
        }
        if body {
            out.push_str("</tbody>\n");
        }
        out.push_str("</table></div>\n");
        Ok(i)
    }

    /// Renders one table row with as many cells as there are columns (missing cells empty, extra ones dropped).
    fn table_row(&self, cells: &[&str], aligns: &[Option<&str>], tag: &str, out: &mut String) -> io::Result<()> {
        out.push_str("<tr>");
        for (column, align) in aligns.iter().enumerate() {
            out.push('<');
            out.push_str(tag);
            if let Some(align) = align {
                out.push_str(&format!(" style=\"text-align:{align}\""));
            }
            out.push('>');
            self.inline(cells.get(column).copied().unwrap_or(""), out)?;
            out.push_str(&format!("</{tag}>"));
        }
        out.push_str("</tr>\n");
        Ok(())
    }

    /// Renders a list whose first item is at `start`; returns the index of the line after it.
    fn list(&mut self, lines: &[&str], start: usize, first: ListMarker<'_>, out: &mut String) -> io::Result<usize> {
        let mut items: Vec<Vec<&str>> = Vec::new();
        let mut loose = false;
        let mut i = start;
        let mut marker = first;
        loop {
            let mut item = vec![marker.content];
            i += 1;
            while let Some(&line) = lines.get(i) {
                if line.trim().is_empty() {
                    let next = (i..lines.len()).find(|&k| lines.get(k).is_some_and(|l| !l.trim().is_empty()));
                    match next.and_then(|k| lines.get(k)).and_then(|l| strip_indent(l, marker.width)) {
                        Some(_) => {
                            let next = next.unwrap_or(i);
                            item.extend(std::iter::repeat_n("", next - i));
                            i = next;
                        }
                        None => break,
                    }
                } else if let Some(rest) = strip_indent(line, marker.width) {
                    item.push(rest);
                    i += 1;
                } else if !starts_block(lines, i) && lines.get(i - 1).is_some_and(|l| !l.trim().is_empty()) {
                    item.push(line.trim_start());
                    i += 1;
                } else {
                    break;
                }
            }
            loose |= item.iter().skip(1).any(|l| l.is_empty());
            items.push(item);
            let next = (i..lines.len()).find(|&k| lines.get(k).is_some_and(|l| !l.trim().is_empty()));
            match next.and_then(|k| Some((k, ListMarker::parse(lines.get(k)?)?))) {
                Some((k, next_marker)) if next_marker.ordered == first.ordered => {
                    loose |= k > i;
                    i = k;
                    marker = next_marker;
                }
                _ => break,
            }
        }
        match (first.ordered, first.number) {
            (false, _) => out.push_str("<ul>\n"),
            (true, 1) => out.push_str("<ol>\n"),
            (true, n) => out.push_str(&format!("<ol start=\"{n}\">\n")),
        }
        for item in items {
            out.push_str("<li>");
            let mut content = String::new();
            self.blocks(&item, !loose, &mut content)?;
            out.push_str(content.strip_suffix('\n').unwrap_or(&content));
            out.push_str("</li>\n");
        }
        out.push_str(if first.ordered { "</ol>\n" } else { "</ul>\n" });
        Ok(i)
    }

    /// Renders inline Markdown (code, emphasis, links, images, escapes) into escaped HTML.
    fn inline(&self, text: &str, out: &mut String) -> io::Result<()> {
        let chars: Vec<char> = text.chars().collect();
        self.inline_chars(&chars, out)
    }

    fn inline_chars(&self, s: &[char], out: &mut String) -> io::Result<()> {
        let mut i = 0;
        while let Some(&c) = s.get(i) {
            match c {
                '\\' if s.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                    if let Some(&next) = s.get(i + 1) {
                        push_escaped(out, next);
                    }
                    i += 2;
                }
                '`' => {
                    let n = run_len(s, i, '`');
                    match code_close(s, i + n, n) {
                        Some(close) => {
                            let code: String = s.get(i + n..close).unwrap_or_default().iter().collect();
                            let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                                Some(inner) if !inner.trim().is_empty() => inner,
                                _ => &code,
                            };
                            out.push_str("<code>");
                            out.push_str(&escape(code));
                            out.push_str("</code>");
                            i = close + n;
                        }
                        None => {
                            out.extend(std::iter::repeat_n('`', n));
                            i += n;
                        }
                    }
                }
                '!' if s.get(i + 1) == Some(&'[') => match parse_link(s, i + 1) {
                    Some(link) => {
                        let alt: String = s.get(link.text).unwrap_or_default().iter().collect();
                        self.image(&alt, &link.dest, out)?;
                        i = link.end;
                    }
                    None => {
                        out.push('!');
                        i += 1;
                    }
                },
                '[' => match parse_link(s, i) {
                    Some(link) => {
                        out.push_str(&format!("<a href=\"{}\">", escape(&link.dest)));
                        self.inline_chars(s.get(link.text).unwrap_or_default(), out)?;
                        out.push_str("</a>");
                        i = link.end;
                    }
                    None => {
                        out.push('[');
                        i += 1;
                    }
                },
                '*' => {
                    let strong = s.get(i + 1) == Some(&'*');
                    let width = if strong { 2 } else { 1 };
                    match emphasis_close(s, i + width, strong) {
                        Some(close) => {
                            let tag = if strong { "strong" } else { "em" };
                            out.push_str(&format!("<{tag}>"));
                            self.inline_chars(s.get(i + width..close).unwrap_or_default(), out)?;
                            out.push_str(&format!("</{tag}>"));
                            i = close + width;
                        }
                        None => {
                            out.push('*');
                            i += 1;
                        }
                    }
                }
                c => {
                    push_escaped(out, c);
                    i += 1;
                }
            }
        }
        Ok(())
    }

    /// Writes an `<img>` whose source is the file `dest` (relative to the base folder) as a data URI.
    fn image(&self, alt: &str, dest: &str, out: &mut String) -> io::Result<()> {
        let src = if dest.starts_with("data:") {
            dest.to_owned()
        } else {
            let path = self.base_dir.join(dest);
            let bytes = fs::read(&path).map_err(at(&path))?;
            format!("data:{};base64,{}", mime(&path), base64(&bytes))
        };
        out.push_str(&format!("<img src=\"{}\" alt=\"{}\">", escape(&src), escape(alt)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `<main>` content of a page rendered with no images.
    fn body(markdown: &str) -> String {
        let page = render(markdown, "t", Path::new(".")).expect("renders");
        let start = page.find("<main>\n").expect("main") + "<main>\n".len();
        let end = page.find("</main>").expect("end of main");
        page[start..end].to_owned()
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in vectors {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn document_is_complete_and_title_escaped() {
        let page = render("hi", "A <b> & c", Path::new(".")).expect("renders");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>A &lt;b&gt; &amp; c</title>"));
        assert!(page.contains("<style>") && page.contains("max-width: 60rem"));
        assert!(page.trim_end().ends_with("</html>"));
    }

    #[test]
    fn headings_get_unique_slug_ids() {
        let html = body("# Results\n## Top *genes* & `QC`\n### Results\n#### Four ##\n##### Five\n#NoSpace");
        assert_eq!(
            html,
            "<h1 id=\"results\">Results</h1>\n\
             <h2 id=\"top-genes--qc\">Top <em>genes</em> &amp; <code>QC</code></h2>\n\
             <h3 id=\"results-1\">Results</h3>\n\
             <h4 id=\"four\">Four</h4>\n\
             <h5 id=\"five\">Five</h5>\n\
             <p>#NoSpace</p>\n"
        );
    }

    #[test]
    fn paragraphs_join_lines_and_split_on_blank_lines() {
        assert_eq!(body("one\ntwo\n\n\nthree\n"), "<p>one\ntwo</p>\n<p>three</p>\n");
        assert_eq!(body("text\n# Head"), "<p>text</p>\n<h1 id=\"head\">Head</h1>\n");
    }

    #[test]
    fn unordered_and_ordered_lists() {
        assert_eq!(
            body("- a\n- **b**\n  continued\n"),
            "<ul>\n<li>a</li>\n<li><strong>b</strong>\ncontinued</li>\n</ul>\n"
        );
        assert_eq!(body("1. one\n2. two\n"), "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
        assert_eq!(body("3. three\n4. four"), "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n");
        assert_eq!(body("- a\n\n1. b"), "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n");
    }

    #[test]
    fn nested_and_loose_lists() {
        assert_eq!(body("- a\n  - b\n- c"), "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n<li>c</li>\n</ul>\n");
        assert_eq!(body("- a\n\n- b\n\nafter"), "<ul>\n<li><p>a</p></li>\n<li><p>b</p></li>\n</ul>\n<p>after</p>\n");
    }

    #[test]
    fn tables_with_alignment() {
        let html = body(
            "| Gene | log2FC | padj | note |\n|:---|---:|:-:|---|\n\
             | `SCN1A` | 2.5 | 0.01 |\n| a \\| b | 1 | 2 | x | extra |\n",
        );
        assert_eq!(
            html,
            "<div class=\"table-wrap\"><table>\n<thead>\n\
             <tr><th style=\"text-align:left\">Gene</th><th style=\"text-align:right\">log2FC</th>\
             <th style=\"text-align:center\">padj</th><th>note</th></tr>\n</thead>\n<tbody>\n\
             <tr><td style=\"text-align:left\"><code>SCN1A</code></td><td style=\"text-align:right\">2.5</td>\
             <td style=\"text-align:center\">0.01</td><td></td></tr>\n\
             <tr><td style=\"text-align:left\">a | b</td><td style=\"text-align:right\">1</td>\
             <td style=\"text-align:center\">2</td><td>x</td></tr>\n\
             </tbody>\n</table></div>\n"
        );
        // A header with no body rows, and a table right after a paragraph.
        let html = body("text\n| a |\n|---|\n");
        assert_eq!(
            html,
            "<p>text</p>\n<div class=\"table-wrap\"><table>\n<thead>\n<tr><th>a</th></tr>\n</thead>\n</table></div>\n"
        );
    }

    #[test]
    fn fenced_code_is_verbatim_and_escaped() {
        let html = body("```rust\nlet x = a < b && *c*;\n\n# not a heading\n```\nafter");
        assert_eq!(
            html,
            "<pre><code class=\"language-rust\">let x = a &lt; b &amp;&amp; *c*;\n\n\
             # not a heading</code></pre>\n<p>after</p>\n"
        );
        assert_eq!(body("~~~\nunclosed"), "<pre><code>unclosed</code></pre>\n");
    }

    #[test]
    fn inline_code_bold_italic_links() {
        assert_eq!(
            body("`a<b` and ``x ` y`` **bold *it* x** *it* [the *link*](https://e.org/a?b=1&c=2 \"t\")"),
            "<p><code>a&lt;b</code> and <code>x ` y</code> <strong>bold <em>it</em> x</strong> <em>it</em> \
             <a href=\"https://e.org/a?b=1&amp;c=2\">the <em>link</em></a></p>\n"
        );
        assert_eq!(
            body("2 * 3 * 4, **unclosed, [no link], \\*literal\\*"),
            "<p>2 * 3 * 4, **unclosed, [no link], *literal*</p>\n"
        );
    }

    #[test]
    fn horizontal_rules() {
        assert_eq!(body("a\n\n---\n\nb\n***"), "<p>a</p>\n<hr>\n<p>b</p>\n<hr>\n");
    }

    #[test]
    fn html_in_text_is_escaped_everywhere() {
        let html = body("# <script>\n<script>alert('x')</script>\n\n- <i>\n\n| <b> |\n|---|\n| \" |\n\n[<x>](a\"b)");
        assert!(!html.contains("<script>") && !html.contains("<i>") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "{html}");
        assert!(html.contains("<a href=\"a&quot;b\">&lt;x&gt;</a>"), "{html}");
    }

    #[test]
    fn images_are_inlined_from_the_base_dir() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("plots")).expect("plots dir");
        fs::write(dir.path().join("plots/volcano.png"), b"foobar").expect("png");
        fs::write(dir.path().join("dot.SVG"), b"foo").expect("svg");
        let page = render("![Volcano <plot>](plots/volcano.png)\n\nsee ![dot](dot.SVG) here", "t", dir.path())
            .expect("renders");
        assert!(
            page.contains("<figure><img src=\"data:image/png;base64,Zm9vYmFy\" alt=\"Volcano &lt;plot&gt;\"></figure>"),
            "{page}"
        );
        assert!(page.contains("<p>see <img src=\"data:image/svg+xml;base64,Zm9v\" alt=\"dot\"> here</p>"), "{page}");
    }

    #[test]
    fn missing_image_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let error = render("text\n\n![gone](figs/missing.png)", "t", dir.path()).expect_err("missing image");
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert!(error.to_string().contains("missing.png"), "{error}");
        let error = render("inline ![gone](other.svg)", "t", dir.path()).expect_err("missing image");
        assert!(error.to_string().contains("other.svg"), "{error}");
    }

    #[test]
    fn render_file_writes_the_page_atomically() {
        let dir = tempfile::tempdir().expect("temp dir");
        let markdown = dir.path().join("report.md");
        fs::write(&markdown, "# Report\n\n![p](p.png)\n").expect("markdown");
        fs::write(dir.path().join("p.png"), b"fo").expect("png");
        let html = dir.path().join("report.html");
        render_file(&markdown, &html, "Report").expect("renders");
        let page = fs::read_to_string(&html).expect("html");
        assert!(page.contains("<h1 id=\"report\">Report</h1>") && page.contains("base64,Zm8="), "{page}");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());

        let error = render_file(&dir.path().join("absent.md"), &html, "x").expect_err("missing markdown");
        assert!(error.to_string().contains("absent.md"), "{error}");
    }
}
