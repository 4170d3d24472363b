/* ingest/meetings.h: meetings the texts report: detection ("two-plus-two", "2+2", "Security
 * Consultative Committee", ministers of both sides meeting; also working-level talks, summits,
 * bilateral ministerial talks), status from wording and tense, date (absolute or relative to
 * the document date), place, participants with roles, outcomes; then linking to the registry
 * (data/meetings.jsonl) and merging mentions across documents. Pure: no SQLite, no HTTP.
 * Ownership: every *_result and registry is released with its *_clear()/free(). */
#ifndef TWOPLUS_INGEST_MEETINGS_H
#define TWOPLUS_INGEST_MEETINGS_H

#include <stddef.h>

#include "ingest/dates.h"
#include "ingest/doc.h"
#include "ingest/entities.h"

/* ---- the registry ---- */

struct ingest_registry_participant {
    const char *name, *entity, *role;
};

struct ingest_registry_meeting {
    const char *id, *kind, *date, *city, *venue, *source, *uncertain, *note;
    enum ingest_precision precision;
    int is_virtual;
    const struct ingest_registry_participant *participants;
    size_t participant_count;
    const char *json;              /* the row as read, compact JSON */
};

struct ingest_registry;
/* Loads data/meetings.jsonl. Returns 0 with *out (caller owns, release:
 * ingest_registry_free()), or -1 with a sentence naming file and line in err. */
int ingest_registry_load(const char *path, struct ingest_registry **out, char *err,
                         size_t err_size);
void ingest_registry_free(struct ingest_registry *reg);
size_t ingest_registry_count(const struct ingest_registry *reg);
const struct ingest_registry_meeting *ingest_registry_meeting(const struct ingest_registry *reg,
                                                              size_t i);

/* ---- one document's meeting mentions ---- */

struct ingest_evidence {
    struct ingest_range clean;     /* in the document's clean text */
};

struct ingest_meeting_participant {
    char *entity_id, *name;
    char *role;                    /* held on the meeting date (gazetteer) or stated; or NULL */
    struct ingest_range clean;     /* the mention that ties the person to the meeting */
    const char *via;               /* static: how the text ties them: "text" (named with the
                                      meeting), "counterparts" ("their Japanese counterparts"
                                      resolved from the gazetteer on the meeting date), "role"
                                      (an office named without a person, so resolved), "seat"
                                      (named elsewhere in the text and holding one of the four
                                      2+2 seats on the meeting date) */
};

struct ingest_meeting_mention {
    struct ingest_range clean;     /* the sentence(s) that report the meeting */
    const char *kind;              /* static: "scc" (a 2+2), "working-level", "summit",
                                      "ministerial", "other" */
    const char *status;            /* static: "held", "scheduled", "announced", "proposed",
                                      "cancelled", "referenced" */
    char date[11];                 /* "" when not derivable */
    enum ingest_precision date_precision;
    char *date_text;               /* the words that gave the date, or NULL */
    struct ingest_range date_range;
    char *place_id, *place_name;   /* a place entity, or NULL */
    char *venue;                   /* "the State Department", or NULL */
    struct ingest_range place_range;
    struct ingest_meeting_participant *participants;
    size_t participant_count;
    struct ingest_range *outcomes; /* sentences reporting agreements or decisions */
    size_t outcome_count;
    char *label;                   /* how the text names it: "two-plus-two meeting" */
    const char *date_part;         /* static: the part of the month or year the date words
                                      name ("h1" for "the first half of 2010"), or NULL */
    struct ingest_evidence *evidence; /* every sentence that reports this meeting, in text
                                         order; clean above is the first of them */
    size_t evidence_count;
};

struct ingest_meeting_result {
    struct ingest_meeting_mention *mentions;
    size_t count;
};

/* Finds meeting mentions in one document. dateline is the document's dateline place (for
 * "here"), or NULL. Returns 0 with *out (caller owns, release: ingest_meeting_result_clear()),
 * or -1 on out of memory. */
int ingest_meetings_extract(const char *text, size_t len,
                            const struct ingest_sentence *sentences, size_t sentence_count,
                            const struct ingest_mention *mentions, size_t mention_count,
                            const struct ingest_gazetteer *gz, const char *doc_date,
                            const char *dateline, struct ingest_meeting_result *out);
void ingest_meeting_result_clear(struct ingest_meeting_result *result);

/* ---- linking and merging across documents ---- */

/* One document's mention, as the merge sees it. */
struct ingest_merge_input {
    const char *doc_id;
    const struct ingest_meeting_mention *mention;
};

struct ingest_merged_meeting {
    char *id;                      /* the registry id when linked, else a stable id made from
                                      kind and date (or kind and first document) */
    const char *kind, *status;
    char date[11];
    enum ingest_precision date_precision;
    char *place_id, *place_name, *venue;
    const struct ingest_registry_meeting *registry;   /* linked row, or NULL */
    const struct ingest_registry_meeting **candidates; /* when the text cannot decide */
    size_t candidate_count;
    size_t *inputs;                /* indexes into the merge inputs that make this meeting */
    size_t input_count;
    char **participant_ids;        /* distinct entity ids */
    size_t participant_count;
};

struct ingest_merge_result {
    struct ingest_merged_meeting *meetings;
    size_t count;
};

/* Groups mentions of the same meeting (same kind and agreeing date and/or participants) and
 * links each group to a registry row when date and/or participants agree; where several rows
 * fit equally, candidates lists them and registry stays NULL. Meetings the registry lacks are
 * still returned. Returns 0 with *out (release: ingest_merge_result_clear()) or -1 on OOM. */
int ingest_meetings_merge(const struct ingest_merge_input *inputs, size_t input_count,
                          const struct ingest_registry *reg, struct ingest_merge_result *out);
void ingest_merge_result_clear(struct ingest_merge_result *result);

#endif
