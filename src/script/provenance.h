/*
 * provenance.h -- which dataset records the values of a run came from, and
 * which of them each block of a document shows.
 *
 * The rule (docs/lua-api.md §3.5). Values carry their records: a value read
 * from a record is remembered as text together with that record, and so is
 * every string the string library makes from remembered text (a date set
 * in words, a title with its dashes changed). When a block is added, the
 * records credited to it are those whose remembered text is in the block's
 * text: as a whole part of it (a paragraph, a list item, a cell, a label,
 * a caption, a heading), or inside a part as whole words, when the text
 * cannot be mistaken for anything else (below). When several records gave
 * the same text, those that gave it since the last block was credited are,
 * or else the one that gave it last. Reads inside query predicates and
 * comparators are not remembered (prov_quiet).
 *
 * Inside a part, a text of at least two bytes counts, as whole words:
 *   - a name of its own: two words or more, with a capital letter or a
 *     digit, that no other record has as a value (a title, "Kim Gunn",
 *     "30 November 2004"), whenever it was made;
 *   - another text of its own ("149", "Myanmar", "lines of effort"), or a
 *     value that several records share and that has two words or a digit
 *     ("Kuala Lumpur", "1991"), only when it was made since the last block
 *     credited with records: "149", read to write "US$149 billion" just
 *     before the paragraph, counts; the same figure read a hundred blocks
 *     earlier does not;
 *   - a word several records share (a kind, "summit"; a place, "Seoul"),
 *     never: only as a whole part.
 * A value is "shared" when two or more records of the dataset have it (as
 * a field, or an item of a list field); a text made from shared values
 * only is shared too. The longest text that counts at a place wins, and
 * nothing inside a value read as it is (a title) is looked at again; inside
 * a string made from others it is (a .. in the making may have lost the
 * records of a piece).
 *
 * Plain C, no Lua: the bindings report what happens -- a field read
 * (lrelations.c), a string made from others (lprovenance.c), blocks added,
 * records cited, a document saved (lbrief.c) -- and this module credits
 * the blocks and numbers the sources (doc/document.h keeps both); the list
 * of sources is filled from those numbers (sourcelist.h).
 *
 * Ownership: a run has one prov_run, made by prov_new() and freed by
 * prov_free(); it borrows the dataset and the index given it, which must
 * outlive it. Nothing here
 * raises: running out of memory leaves a text unremembered, or makes the
 * document functions return false.
 */
#ifndef BRIEF_PROVENANCE_H
#define BRIEF_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "data/dataset.h"
#include "doc/document.h"

typedef struct prov_run prov_run;
typedef struct prov_index prov_index;

/* The longest text remembered, and the most bytes remembered in a run:
 * past them a text carries nothing (it is still shown, only not traced). */
#define PROV_MAX_TEXT 4096
#define PROV_MAX_BYTES ((size_t)32 << 20)

/* The most records one made string carries (a table.concat of many
 * names); the pieces are still found one by one in a block. */
#define PROV_MAX_FROM 64

/* Returns the index of the dataset ds a run looks its records and values
 * up in, owned by the caller (free with prov_index_free(), after every run
 * given it); NULL when out of memory. Made once for many runs (a batch)
 * before they start; a run given none makes its own when it first needs
 * one. */
prov_index *prov_index_new(const ds_dataset *ds);

void prov_index_free(prov_index *ix);

/* Returns a new prov_run for the dataset ds, owned by the caller (free with
 * prov_free()); ix is ds's index (borrowed; NULL: made on first need).
 * NULL when out of memory. */
prov_run *prov_new(const ds_dataset *ds, const prov_index *ix);

void prov_free(prov_run *p);

/* ---- what the script reads and makes -------------------------------------------- */

/* Remembers the value v read from record r: a string as it is, a number as
 * Lua's tostring writes it, a list as each item and as its items joined
 * with ", "; a boolean or nil carries nothing. */
void prov_read(prov_run *p, const ds_record *r, const ds_value *v);

/* The records a string being made comes from: the caller's own, so that a
 * string function called while another runs (a __tostring) cannot mix
 * them up. */
typedef struct prov_from {
	int records[PROV_MAX_FROM];
	int n;
	bool common;            /* from shared values only (provenance.c) */
	bool unsure;            /* an argument too short to say was remembered */
} prov_from;

/* A string made from others: prov_from_reset(), then prov_from_text() with
 * the text of each argument (texts under 3 bytes are too short to say where
 * they came from: "30", "%"), then prov_made() for each string made, which
 * is remembered with the records of the arguments that were remembered.
 * When none was, the string carries nothing from now on, even if an earlier
 * equal text did ("2024" cut out of os.date is not the year read from a
 * record): call prov_made() then only when every input was seen (no table,
 * function or userdata whose text the string library took on its own). */
void prov_from_reset(prov_from *f);
void prov_from_text(const prov_run *p, prov_from *f, const char *s, size_t len);

/* Whether p remembers no text yet (no record value has been read): then no
 * string can carry a record, and the string functions need not look. */
bool prov_empty(const prov_run *p);
void prov_made(prov_run *p, const prov_from *f, const char *s, size_t len);

/* While quiet (delta +1 at the start of a query predicate, -1 at its end)
 * nothing is remembered. */
void prov_quiet(prov_run *p, int delta);

/* ---- documents ------------------------------------------------------------------ */

/* Credits each block of d from index `from` on with the records it shows,
 * and numbers their sources in d (in the order the block shows them).
 * False when out of memory. */
bool prov_credit(prov_run *p, doc_document *d, int from);

/* The same for d's title, subtitle, author and date. */
bool prov_credit_title(prov_run *p, doc_document *d);

/* Cites record r in d: numbers its source (the next number when it has
 * none yet) and writes the marker "[N]" to marker, which is remembered as
 * a text of r (so the block that shows it is credited with r). Returns N,
 * or 0 when out of memory or r has no source. */
int prov_cite(prov_run *p, doc_document *d, const ds_record *r, char *marker, size_t size);

/* "events:sectoral-dialogue-1989": the record of that serial, as the
 * provenance file names it; NULL for a serial out of range. */
const char *prov_name(prov_run *p, int serial);

int prov_nrecords(prov_run *p);

/* The record of that serial; NULL for a serial out of range. */
const ds_record *prov_record(prov_run *p, int serial);

/* Every serial once, in the order of rel's collections (events, meetings,
 * members, figures, initiatives, people, sources), each in date order;
 * NULL when out of memory. */
const int *prov_order(prov_run *p);

#endif
