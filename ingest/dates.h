/* ingest/dates.h: date expressions in running text, absolute ("Oct. 3, 2013", "2013-10-03",
 * "2013年10月3日", "September 1997", "in 1996") and relative ("yesterday", "on Thursday",
 * "Saturday's meeting", "last week", "last December", "next month"), resolved against the
 * document's date with the tense deciding the direction; unresolvable ones are kept
 * unresolved, never guessed.
 * Pure functions. Ownership: ingest_dates_find() returns a malloc'd array the caller frees. */
#ifndef TWOPLUS_INGEST_DATES_H
#define TWOPLUS_INGEST_DATES_H

#include <stddef.h>

#include "ingest/doc.h"

enum ingest_tense {
    INGEST_TENSE_UNKNOWN = 0,
    INGEST_TENSE_PAST,
    INGEST_TENSE_FUTURE,
};

struct ingest_date_expr {
    struct ingest_range clean;      /* the words of the expression */
    char value[11];                 /* "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" (unresolved) */
    enum ingest_precision precision;
    int relative;                   /* 1 when resolved against the document date */
    const char *kind;               /* static: "absolute", "month", "year", "weekday",
                                       "relative-day", "relative-week", "relative-month",
                                       "relative-year", "season" */
    const char *part;               /* static: the part of the month or year the words name,
                                       or NULL: "early", "mid", "late", "start", "end", "h1",
                                       "h2", "q1".."q4", "spring", "summer", "autumn",
                                       "winter". The value stays the whole month or year. */
};

/* Finds date expressions in text[0..len). doc_date ("YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL)
 * anchors relative ones; tense says which way a bare weekday or month points (a weekday in
 * a past-tense sentence is the latest such day on or before the document date). A text whose
 * first line opens with a year and a colon ("- 2007: Washington, May 1.") is a timeline entry:
 * a month or day without a year on that line is of that year ("relative" 0).
 * Returns 0 with *out (malloc'd, caller frees) and *count, or -1 on out of memory. */
int ingest_dates_find(const char *text, size_t len, const char *doc_date, enum ingest_tense tense,
                      struct ingest_date_expr **out, size_t *count);

/* The tense of a sentence from its verbs: "will", "is to", "plans to", "next" -> future;
 * "said", "met", "held", "-ed" verbs -> past. */
enum ingest_tense ingest_tense_of(const char *sentence, size_t len);

#endif
