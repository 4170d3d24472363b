/* store/store.h: the whole store API. Only store/ includes sqlite3.h.
 * Ownership: every struct filled through an out-parameter is the caller's, released with its
 * *_clear() (which accepts NULL and is safe twice); strings inside are owned by the struct. */
#ifndef TWOPLUS_STORE_H
#define TWOPLUS_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum store_rc {
    STORE_OK = 0,
    STORE_NOTFOUND,  /* no such row */
    STORE_NOMEM,
    STORE_ERROR,     /* SQLite failed: details went to the log, never to a client */
    STORE_CORRUPT,   /* the database file is not a complete twoplus database */
};

struct store_db;     /* one database; shared by all threads */
struct store;        /* one thread's read-only connection with its prepared statements */

/* Creates a new, empty database for an ingest. path NULL: a private in-memory database that
 * lives until store_db_close(). A path: built in "<path>.tmp-<pid>" and only renamed over path
 * by store_write_commit(), so a crash never leaves a half-built file at path.
 * Returns STORE_OK (caller owns *out, release: store_db_close()) or STORE_ERROR with a
 * sentence in err. */
int store_db_create(const char *path, struct store_db **out, char *err, size_t err_size);

/* Opens an existing database file read-only for serving (--no-ingest). Returns STORE_OK,
 * STORE_CORRUPT if it is not a complete twoplus database, or STORE_ERROR; err says why. */
int store_db_open(const char *path, struct store_db **out, char *err, size_t err_size);

/* Closes every connection, including the per-thread readers. Call after the threads that used
 * readers have stopped. Accepts NULL. */
void store_db_close(struct store_db *db);

/* The calling thread's reader for db, opened on first use and kept until store_db_close().
 * Returns NULL if the connection cannot be opened (logged). Never share it between threads. */
struct store *store_reader(struct store_db *db);

/* ---- writing (ingest; one thread) ---- */

struct store_doc_in {
    const char *id, *file_name, *sha256, *title, *raw_text, *clean_text;
    int64_t byte_size, mtime, word_count;
};

/* Starts the one write transaction of an ingest. */
int store_write_begin(struct store_db *db);
int store_write_doc(struct store_db *db, const struct store_doc_in *doc);
int store_write_skip(struct store_db *db, const char *file_name, const char *reason,
                     const char *detail);
int store_write_meta(struct store_db *db, const char *key, const char *value);
/* Commits, marks the database complete, and for a file database renames it into place. */
int store_write_commit(struct store_db *db);

/* ---- documents (store/documents.c) ---- */

struct store_doc {
    char *id, *file_name, *sha256, *title, *clean_text, *raw_text; /* raw_text only if asked */
    int64_t byte_size, mtime, word_count;
};
void store_doc_clear(struct store_doc *doc);

/* Reads one document; with_raw also copies the raw text. STORE_OK (caller owns *out, release:
 * store_doc_clear()), STORE_NOTFOUND, or STORE_NOMEM/STORE_ERROR. */
int store_doc_get(struct store *st, const char *id, int with_raw, struct store_doc *out);

/* A keyset page request. sort is one of the resource's sortable fields; after_key/after_id
 * (both set or both NULL) come from the cursor: rows strictly after that position. */
struct store_page {
    const char *sort;
    int desc;
    const char *after_key, *after_id;
    int limit;
};

struct store_doc_list {
    struct store_doc *docs; /* without text fields */
    size_t count;
    int64_t total;          /* rows matching the filters, on every page */
    int has_more;
    char *next_key;         /* sort key of the last row, when has_more */
};
void store_doc_list_clear(struct store_doc_list *list);

/* Lists documents (sort: "id" or "title"). STORE_OK (caller owns *out, release:
 * store_doc_list_clear()), or STORE_NOMEM/STORE_ERROR. */
int store_doc_list(struct store *st, const struct store_page *page, struct store_doc_list *out);

/* ---- stats (store/stats.c) ---- */

struct store_skip {
    char *file_name, *reason, *detail;
};

struct store_stats {
    int64_t documents, skipped;
    struct store_skip *skips;
    size_t skip_count;
    char **meta_keys, **meta_values; /* facts about the ingest, see store_write_meta() */
    size_t meta_count;
};
void store_stats_clear(struct store_stats *stats);
int store_stats_get(struct store *st, struct store_stats *out);

/* SQLite's version string, e.g. "3.40.1". */
const char *store_sqlite_version(void);

#endif
