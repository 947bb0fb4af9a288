/*
 * markup.h -- inline markup of paragraphs: **bold**, *italic*, [text](url),
 * ^[a footnote].
 *
 * The rules, meant to surprise nobody who has written Markdown:
 *  - "**" and "*" open emphasis when followed by a non-space and close it
 *    when preceded by a non-space; an unclosed or unmatched one is literal
 *    text ("5 * 3", "a ** b");
 *  - "[text](url)" is a link when both brackets and parentheses close on the
 *    same paragraph; the text may itself hold emphasis;
 *  - "^[text]" is a footnote when its brackets close: a span with no text
 *    whose note is the bracketed text (parsed as markup itself, where "^["
 *    is literal), numbered next in the document (d->nnotes);
 *  - a backslash makes the next ASCII punctuation literal ("\*", "\[").
 */
#ifndef BRIEF_MARKUP_H
#define BRIEF_MARKUP_H

#include "doc/document.h"

/* Parses markup (valid UTF-8, NUL-terminated) into spans allocated in
 * d->arena, merging neighbours of equal style and link. Returns true, or
 * false when out of memory. Never fails on content: what is not markup is
 * text. */
bool markup_parse(doc_document *d, const char *markup, doc_text *out);

#endif
