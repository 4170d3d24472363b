/* ingest/quotes.h: statements: quotation spans in the clean text, told apart from scare
 * quotes and titles, attributed to a speaker by an ordered sieve (after Muzny et al. 2017),
 * with evidence offsets and a confidence. Pure: no SQLite, no HTTP. Ownership:
 * ingest_statements_extract() fills a result the caller releases with
 * ingest_statement_result_clear(). Offsets are byte offsets into the clean text. */
#ifndef TWOPLUS_INGEST_QUOTES_H
#define TWOPLUS_INGEST_QUOTES_H

#include <stddef.h>

#include "ingest/dates.h"
#include "ingest/doc.h"
#include "ingest/entities.h"

enum ingest_statement_kind {
    INGEST_STMT_DIRECT = 0,  /* a quoted utterance of a speaker */
    INGEST_STMT_PARTIAL,     /* a fragment quoted inside reported speech: did not want to
                                "get ahead" of the meeting */
    INGEST_STMT_DOCUMENT,    /* quoted from a document: the statement will "encourage ..." */
    INGEST_STMT_TERM,        /* a scare-quoted term or title: "two-plus-two", "rosy" */
};
const char *ingest_statement_kind_name(enum ingest_statement_kind kind);

struct ingest_statement {
    struct ingest_range clean;       /* the quoted words, without the quote marks; for a quote
                                        that runs over paragraphs, from the first opening mark
                                        to the last closing mark */
    char *text;                      /* the quoted words (paragraph breaks as single spaces) */
    enum ingest_statement_kind kind;
    char *speaker_id;                /* entity id, or NULL (unnamed or unknown speaker) */
    char *speaker_name;
    char *speaker_role;              /* the speaker's role at the time, or NULL */
    char *speaker_description;       /* "an administration official", "the agreement", or NULL */
    struct ingest_range speaker;     /* the words naming the speaker ({0,0} when none) */
    char *cue;                       /* the speech verb or cue: "said", "told", "according to",
                                        ":" ...; NULL when none */
    struct ingest_range cue_range;
    const char *rule;                /* static: the sieve rule that attributed it, e.g.
                                        "quote-said-name", "name-said-quote", "colon",
                                        "according-to", "pronoun-paragraph", "continuation",
                                        "nearest-person", "organization", "unnamed",
                                        "document", "none" */
    double confidence;               /* 0..1 */
    char date[11];                   /* the day it was said when the text gives it ("On
                                        Thursday, Rumsfeld said"), else "" */
    enum ingest_precision date_precision;
    size_t paragraph;                /* index of the paragraph where the quote starts */
    char **mentioned;                /* entity ids mentioned inside the quote, distinct */
    size_t mentioned_count;
};

struct ingest_statement_result {
    struct ingest_statement *statements; /* in text order */
    size_t count;
};

/* Finds statements in text[0..len) given the paragraphs and sentences of the clean text, the
 * entity mentions found in it (sorted by offset), the gazetteer (for gender and roles; may be
 * NULL) and the document date (or NULL). Returns 0 with *out (caller owns, release:
 * ingest_statement_result_clear()), or -1 on out of memory. Unbalanced quote marks never lose
 * the rest of the document. */
int ingest_statements_extract(const char *text, size_t len,
                              const struct ingest_paragraph *paragraphs, size_t paragraph_count,
                              const struct ingest_sentence *sentences, size_t sentence_count,
                              const struct ingest_mention *mentions, size_t mention_count,
                              const struct ingest_gazetteer *gz, const char *doc_date,
                              struct ingest_statement_result *out);
void ingest_statement_result_clear(struct ingest_statement_result *result);

#endif
