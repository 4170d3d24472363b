/* store/store.h: the whole store API. Only store/ includes sqlite3.h.
 * Ownership: every struct filled through an out-parameter is the caller's, released with its
 * *_clear() (which accepts NULL and is safe twice); strings inside are owned by the struct. */
#ifndef TWOPLUS_STORE_H
#define TWOPLUS_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum store_rc {
    STORE_OK = 0,
    STORE_NOTFOUND,  /* no such row */
    STORE_NOMEM,
    STORE_ERROR,     /* SQLite failed: details went to the log, never to a client */
    STORE_CORRUPT,   /* the database file is not a complete twoplus database */
    STORE_BADQUERY,  /* a full-text query SQLite refuses (advanced syntax only) */
    STORE_TIMEOUT,   /* the query ran past the deadline set by store_set_deadline() */
};

struct store_db;     /* one database; shared by all threads */
struct store;        /* one thread's read-only connection with its prepared statements */

/* Creates a new, empty database for an ingest. path NULL: a private in-memory database that
 * lives until store_db_close(). A path: built in "<path>.tmp-<pid>" and only renamed over path
 * by store_write_commit(), so a crash never leaves a half-built file at path.
 * Returns STORE_OK (caller owns *out, release: store_db_close()) or STORE_ERROR with a
 * sentence in err. */
int store_db_create(const char *path, struct store_db **out, char *err, size_t err_size);

/* Removes this process's unfinished build of path ("<path>.tmp-<pid>" and its journal), for a
 * run that stops before store_write_commit(). The file at path itself is left as it was. */
void store_db_abandon_build(const char *path);

/* Opens an existing database file read-only for serving (--no-ingest). Returns STORE_OK,
 * STORE_CORRUPT if it is not a complete twoplus database, or STORE_ERROR; err says why. */
int store_db_open(const char *path, struct store_db **out, char *err, size_t err_size);

/* The PRAGMA user_version of the schema this binary writes and reads. */
int store_schema_version(void);

/* Closes every connection, including the per-thread readers. Call after the threads that used
 * readers have stopped. Accepts NULL. */
void store_db_close(struct store_db *db);

/* The calling thread's reader for db, opened on first use and kept until store_db_close().
 * Returns NULL if the connection cannot be opened (logged). Never share it between threads. */
struct store *store_reader(struct store_db *db);

/* Every query on st from now on is interrupted (STORE_TIMEOUT) once ms milliseconds have
 * passed; 0 removes the deadline. */
void store_set_deadline(struct store *st, int64_t ms);

/* ---- writing (ingest; one thread) ---- */

struct store_doc_in {
    const char *id, *file_name, *sha256, *title, *raw_text, *clean_text;
    const char *source, *url, *published, *published_precision, *byline, *dateline, *language;
    const char *meta_json, *paragraphs_json, *removed_json, *related_json; /* JSON text */
    int64_t byte_size, mtime, word_count, versions, invalid_utf8, sentence_count;
};

struct store_entity_in {
    const char *id, *type, *name, *gender, *aliases_json, *aliases_text, *roles_json, *kb_json,
        *source;
    int kb;
};

struct store_mention_in {
    const char *entity_id, *doc_id, *surface, *role, *role_from, *rule;
    int64_t doc_seq, start, end, sentence;
    int demonym;
};

struct store_statement_in {
    const char *id, *doc_id, *text, *kind, *speaker_id, *speaker_name, *speaker_role,
        *speaker_description, *cue, *rule, *date, *date_precision, *date_from, *mentioned_json;
    int64_t doc_seq, start, end, speaker_start, speaker_end, cue_start, cue_end, paragraph;
    int has_speaker_range, has_cue_range;
    double confidence;
};

struct store_meeting_in {
    const char *id, *kind, *status, *date, *date_precision, *place_id, *place_name, *venue,
        *registry_id, *registry_json, *candidates_json, *label, *origin;
};

struct store_participant_in {
    const char *meeting_id, *entity_id, *name, *role, *origin, *doc_id;
    int64_t start, end; /* evidence; ignored when doc_id is NULL */
};

struct store_evidence_in {
    const char *meeting_id, *doc_id, *field, *text, *status, *date, *date_precision;
    int64_t start, end;
};

/* Starts the one write transaction of an ingest. */
int store_write_begin(struct store_db *db);
/* Each returns STORE_OK or an error code (logged). */
int store_write_doc(struct store_db *db, const struct store_doc_in *doc, int64_t *seq);
/* Inserts an entity unless its id exists (the first definition wins: load the gazetteer
 * first). Aliases go to the alias index. */
int store_write_entity(struct store_db *db, const struct store_entity_in *entity);
int store_write_mention(struct store_db *db, const struct store_mention_in *mention);
int store_write_statement(struct store_db *db, const struct store_statement_in *statement);
int store_write_statement_entity(struct store_db *db, const char *statement_id,
                                 const char *entity_id);
int store_write_meeting(struct store_db *db, const struct store_meeting_in *meeting);
int store_write_participant(struct store_db *db, const struct store_participant_in *p);
int store_write_evidence(struct store_db *db, const struct store_evidence_in *e);
int store_write_outcome(struct store_db *db, const char *meeting_id, const char *doc_id,
                        int64_t start, int64_t end, const char *text);
int store_write_skip(struct store_db *db, const char *file_name, const char *reason,
                     const char *detail);
int store_write_meta(struct store_db *db, const char *key, const char *value);
/* Derives what is computed from the rows (entity counts and first/last seen, co-occurrence,
 * full-text indexes), commits, marks the database complete, and for a file database renames
 * it into place. Same as store_write_derive() then store_write_finish(). */
int store_write_commit(struct store_db *db);
/* The derived rows alone (in the open transaction). */
int store_write_derive(struct store_db *db);
/* Marks the database complete, commits, analyzes, and for a file database flushes it to disk
 * and renames it over its path. */
int store_write_finish(struct store_db *db);

/* ---- what a file database was built from (restart without a new ingest) ---- */

/* One corpus file as stat() saw it at the ingest; -1s when it could not be stat'ed. */
struct store_corpus_file {
    const char *name; /* owned by the array from store_corpus_files(), else borrowed */
    int64_t size, mtime_ns, ctime_ns;
};
int store_write_corpus_file(struct store_db *db, const struct store_corpus_file *file);
/* A fact the build depends on, e.g. "fingerprint" (not shown by the API, unlike meta). */
int store_write_build_input(struct store_db *db, const char *key, const char *value);
/* Every recorded corpus file of an opened database, sorted by name. STORE_OK with *out (caller
 * owns, release: store_corpus_files_free()) and *count; STORE_NOTFOUND when the database has
 * no such record (an older schema); or an error. */
int store_corpus_files(struct store_db *db, struct store_corpus_file **out, size_t *count);
void store_corpus_files_free(struct store_corpus_file *files, size_t count);
/* STORE_OK with a malloc'd *value, STORE_NOTFOUND, or an error. */
int store_build_input(struct store_db *db, const char *key, char **value);
/* Sets meta rows of the complete database file at path, in one transaction (a crash leaves
 * the old rows). Returns STORE_OK or STORE_ERROR (logged). */
int store_db_set_meta(const char *path, const char *const *keys, const char *const *values,
                      size_t n);

/* ---- reading: one file per resource; every list is a keyset page of JSON objects ---- */

/* A keyset page request. sort is one of the resource's sortable fields; after_key/after_id
 * (both set or both NULL) come from the cursor: rows strictly after that position. */
struct store_page {
    const char *sort;
    int desc;
    const char *after_key, *after_id;
    int limit;
};

/* One page of a list, rows already in their API shape. */
struct store_list {
    json_t *items;            /* array of objects */
    int64_t total;            /* rows matching the filters, on every page */
    int has_more;
    char *next_key, *next_id; /* the last row's sort key and id, when has_more */
};
void store_list_clear(struct store_list *list);

/* ---- documents (store/documents.c) ---- */

struct store_doc_query {
    const char *source, *published_from, *published_to; /* NULL: no filter */
    const char *fts;                                    /* an FTS5 MATCH expression, or NULL */
};
/* The sortable fields, NULL-terminated: id, title, published. */
extern const char *const store_doc_sorts[];
int store_doc_list(struct store *st, const struct store_doc_query *q,
                   const struct store_page *page, struct store_list *out);

#define STORE_DOC_RAW 1u     /* include the raw text */
#define STORE_DOC_REMOVED 2u /* include the removed spans with reasons */
/* One document with its text, paragraphs and metadata. STORE_OK (caller owns *out),
 * STORE_NOTFOUND, or an error. */
int store_doc_get(struct store *st, const char *id, unsigned include, json_t **out);
/* The clean text alone: STORE_OK with a malloc'd *text of *len bytes, STORE_NOTFOUND, ... */
int store_doc_text(struct store *st, const char *id, char **text, size_t *len);

/* ---- entities (store/entities.c) ---- */

struct store_entity_query {
    const char *type, *q, *document; /* q: a prefix of the name or of an alias */
    int kb;                          /* -1: any, 0: found only in texts, 1: gazetteer */
    int64_t min_mentions;
};
extern const char *const store_entity_sorts[];     /* mentions, name, documents */
int store_entity_list(struct store *st, const struct store_entity_query *q,
                      const struct store_page *page, struct store_list *out);
/* One entity with aliases, roles over time, counts and its documents. */
int store_entity_get(struct store *st, const char *id, json_t **out);
extern const char *const store_mention_sorts[];    /* position */
int store_entity_mentions(struct store *st, const char *id, const char *document,
                          const struct store_page *page, struct store_list *out);
extern const char *const store_related_sorts[];    /* sentences, documents */
int store_entity_related(struct store *st, const char *id, const char *type,
                         const struct store_page *page, struct store_list *out);
/* The entities of one document with their mention counts in it. */
extern const char *const store_doc_entity_sorts[]; /* mentions, name, first */
int store_doc_entities(struct store *st, const char *doc_id, const char *type,
                       const struct store_page *page, struct store_list *out);
/* STORE_OK if the row exists, else STORE_NOTFOUND (for 404s on sub-resources). */
int store_exists(struct store *st, const char *table, const char *id);

/* ---- statements (store/statements.c) ---- */

struct store_statement_query {
    const char *speaker, *entity, *document, *meeting, *from, *to, *fts;
    unsigned kinds; /* bit set over store_statement_kinds; 0: all but "term" */
};
extern const char *const store_statement_kinds[];  /* direct, partial, document, term */
extern const char *const store_statement_sorts[];  /* date, confidence, position */
int store_statement_list(struct store *st, const struct store_statement_query *q,
                         const struct store_page *page, struct store_list *out);
/* One statement with a context window of context_bytes around the quote. */
int store_statement_get(struct store *st, const char *id, size_t context_bytes, json_t **out);

/* ---- meetings (store/meetings.c) ---- */

struct store_meeting_query {
    const char *from, *to, *kind, *status, *participant, *place, *document;
};
extern const char *const store_meeting_sorts[];    /* date */
int store_meeting_list(struct store *st, const struct store_meeting_query *q,
                       const struct store_page *page, struct store_list *out);
/* One meeting with evidence, participants, documents, statements, outcomes, registry. */
int store_meeting_get(struct store *st, const char *id, json_t **out);

/* Dated items bucketed by "year", "month" or "day" for a timeline. types: bit 0 meetings,
 * bit 1 documents, bit 2 statements. At most items_per_bucket meetings and documents are
 * listed in each bucket (all are counted). */
int store_timeline(struct store *st, const char *bucket, const char *from, const char *to,
                   unsigned types, int items_per_bucket, json_t **out);

/* ---- search (store/search.c) ---- */

struct store_search_query {
    const char *fts;                 /* FTS5 expression (translated) */
    unsigned types;                  /* bit 0 document, 1 statement, 2 entity */
    const char *from, *to, *entity, *speaker, *source;
    const char *mark_open, *mark_close;
};
extern const char *const store_search_sorts[];     /* rank */
int store_search(struct store *st, const struct store_search_query *q,
                 const struct store_page *page, struct store_list *out);

/* ---- stats (store/stats.c) ---- */

struct store_skip {
    char *file_name, *reason, *detail;
};

struct store_stats {
    int64_t documents, skipped;
    int64_t entities, mentions, statements, meetings; /* statements: not kind term */
    struct store_skip *skips;
    size_t skip_count;
    char **meta_keys, **meta_values; /* facts about the ingest, see store_write_meta() */
    size_t meta_count;
};
void store_stats_clear(struct store_stats *stats);
int store_stats_get(struct store *st, struct store_stats *out);

/* ---- full-text query syntax (store/fts.c) ---- */

/* Translates a user's search into an FTS5 expression that cannot fail to parse: words,
 * "phrases", prefix*, OR between terms, -exclusion. Everything else (operators of FTS5,
 * punctuation, control characters, unbalanced quotes) is taken as text. Returns 0 with a
 * malloc'd *out, or -1 with a sentence in err (empty query, nothing but exclusions, too many
 * terms). */
int store_fts_translate(const char *query, char **out, char *err, size_t err_size);

/* SQLite's version string, e.g. "3.40.1". */
const char *store_sqlite_version(void);

#endif
