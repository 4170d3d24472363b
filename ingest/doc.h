/* ingest/doc.h: the cleaning stage: raw page text -> clean body text with paragraphs,
 * sentences, removed spans (with reasons), version-table facts and metadata with provenance.
 * Pure functions: no SQLite, no HTTP. All offsets are byte offsets; "clean" offsets index
 * ingest_doc.clean, "raw" offsets index the raw input. Ownership: ingest_clean() fills an
 * ingest_doc the caller releases with ingest_doc_clear(); every pointer inside is owned by it. */
#ifndef TWOPLUS_INGEST_DOC_H
#define TWOPLUS_INGEST_DOC_H

#include <stddef.h>

/* A half-open byte range [start, end). */
struct ingest_range {
    size_t start, end;
};

struct ingest_paragraph {
    struct ingest_range clean;  /* in the clean text */
};

struct ingest_sentence {
    struct ingest_range clean;
    size_t paragraph;           /* index into paragraphs */
};

/* A part of the raw text left out of the body, and why. */
struct ingest_removed {
    struct ingest_range raw;
    const char *reason;         /* static string: "navigation", "share", "byline", "teaser",
                                   "version-table-header", "duplicate-version", "caption",
                                   "cookie-notice", "paywall", "footer", "related-links",
                                   "headline", "dateline-line", "blank", ... */
    char *text;                 /* a copy of the removed text (whitespace collapsed) */
};

enum ingest_provenance {
    INGEST_PROV_NONE = 0,       /* unknown: the value is NULL */
    INGEST_PROV_EXTRACTED,      /* found in the text: raw range is set */
    INGEST_PROV_MANIFEST,       /* set by corpus/manifest.jsonl (filled by the caller) */
};

enum ingest_precision {
    INGEST_PREC_UNKNOWN = 0,
    INGEST_PREC_YEAR,
    INGEST_PREC_MONTH,
    INGEST_PREC_DAY,
};

struct ingest_field {
    char *value;                /* NULL when unknown; never invented */
    enum ingest_provenance provenance;
    struct ingest_range raw;    /* where in the raw text, when extracted */
};

struct ingest_meta {
    struct ingest_field title;
    struct ingest_field source;     /* outlet name as the page states it, e.g. "nytimes" */
    struct ingest_field url;        /* canonical URL stated in the page */
    struct ingest_field published;  /* "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
    enum ingest_precision published_precision;
    struct ingest_field byline;
    struct ingest_field dateline;   /* the place, e.g. "TOKYO" */
    struct ingest_field language;   /* "en" when the body reads as English, else NULL */
};

struct ingest_doc {
    char *clean;                    /* NUL-terminated clean body: paragraphs joined by "\n\n" */
    size_t clean_len;
    size_t *clean_to_raw;           /* clean_len + 1 entries: raw offset of each clean byte */
    struct ingest_paragraph *paragraphs;
    size_t paragraph_count;
    struct ingest_sentence *sentences;
    size_t sentence_count;
    struct ingest_removed *removed;
    size_t removed_count;
    char **related;                 /* teaser snippets of other stories, excluded from clean */
    size_t related_count;
    int versions;                   /* columns of a version table; 0 when there is none */
    size_t invalid_utf8;            /* invalid sequences replaced by U+FFFD */
    struct ingest_meta meta;
};

/* Cleans raw[0..len) (any bytes; invalid UTF-8 is replaced and counted). Returns 0 with *out
 * filled (caller owns, release: ingest_doc_clear()), or -1 on out of memory (*out is cleared).
 * An input with no body yields 0 with an empty clean text. */
int ingest_clean(const char *raw, size_t len, struct ingest_doc *out);

/* Releases everything in doc and zeroes it; accepts NULL; safe twice. */
void ingest_doc_clear(struct ingest_doc *doc);

/* Sentence boundaries of text[0..len): knows abbreviations ("Mr.", "U.S.", "Oct.", "No."),
 * initials ("Kurt M. Campbell"), quotes and ellipses. Returns 0 with a malloc'd array of
 * ranges in *out (caller frees) and its length in *count, or -1 on out of memory. */
int ingest_sentences(const char *text, size_t len, struct ingest_range **out, size_t *count);

/* ---- Shared by the cleaning stage's own files (clean.c, segment.c, meta.c). Other modules use
 * only the three functions above; these may change with the cleaning stage. ---- */

/* Normalizes raw[r.start, r.end) as ingest_clean() does for a paragraph: invalid UTF-8 becomes
 * U+FFFD, line breaks and runs of white space (U+00A0 included) become one space, both ends are
 * trimmed. Returns 0 with *text (NUL-terminated, *len bytes) and *to_raw (*len + 1 raw offsets;
 * the last is r.end) that the caller frees, or -1 on out of memory. (clean.c) */
int ingest_clean_collapse(const char *raw, struct ingest_range r, char **text, size_t **to_raw,
                          size_t *len);

/* True if w[0..len) is an English stop word ("the", "of", "said" is not one), any ASCII case.
 * (clean.c) */
int ingest_stop_word(const char *w, size_t len);

/* Fills doc->paragraphs and doc->sentences from doc->clean, whose paragraphs are separated by
 * "\n\n". Returns 0, or -1 on out of memory (the arrays are then left empty). (segment.c) */
int ingest_segment_doc(struct ingest_doc *doc);

/* Fills doc->meta from the raw text, doc->removed (reasons and raw ranges), doc->clean and
 * doc->versions. Values are copies the doc owns; a field the page does not state stays NULL.
 * Returns 0, or -1 on out of memory. (meta.c) */
int ingest_meta_extract(const char *raw, size_t len, struct ingest_doc *doc);

#endif
