/* store/internal.h: what the store's files share: the structs behind the opaque handles, the
 * per-connection statement cache and column helpers. Not for use outside store/. */
#ifndef TWOPLUS_STORE_INTERNAL_H
#define TWOPLUS_STORE_INTERNAL_H

#include "store/store.h"

#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>

#define STORE_STMT_CACHE 256
#define STORE_STMT_PROBE 8

struct store_stmt_slot {
    char *sql;
    sqlite3_stmt *stmt;
};

struct store {
    struct store_db *db;
    sqlite3 *conn;
    struct store_stmt_slot stmts[STORE_STMT_CACHE];
    int64_t deadline_ns;       /* CLOCK_MONOTONIC; 0: none */
    struct store_memo *memo;   /* list totals already counted (store/query.c); NULL: none yet */
    struct store *next; /* db->readers list */
};

struct store_db {
    char *path;       /* the served file, or NULL for in-memory */
    char *build_path; /* where a new file database is built before the rename */
    char *uri;        /* what readers open */
    struct store *writer; /* the ingest connection; for memory databases it keeps data alive */
    pthread_mutex_t lock;
    struct store *readers;
    unsigned generation; /* tells a thread's cached reader from one of an earlier db */
};

/* The cached prepared statement for sql on st (prepared persistent on first use), reset and
 * with bindings cleared. NULL on failure (logged). The statement stays owned by st. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);

/* A malloc'd copy of a text column, or NULL for SQL NULL. *oom is set on allocation failure. */
char *store_col_text(sqlite3_stmt *stmt, int col, int *oom);

/* Runs sql (several statements allowed); logs and returns STORE_ERROR on failure. */
int store_exec(sqlite3 *conn, const char *sql, const char *what);

/* ---- generic keyset lists whose rows become JSON objects (store/query.c) ----
 * A resource's query file describes its list once (columns, sortable fields) and adds its
 * filters; store_list_run() does counting, keyset pagination and the rows. Column aliases
 * are the JSON keys: "a.b" nests ({"a": {"b": ...}}), a ":json" suffix embeds a column that
 * holds JSON text. */
struct store_sort {
    const char *name; /* the API's name for the field */
    const char *expr; /* an SQL expression that is never NULL */
    int numeric;      /* the key compares as a number: 1 integer, 2 real */
};

enum store_bind_type { STORE_BIND_TEXT, STORE_BIND_INT };

struct store_bind {
    enum store_bind_type type;
    const char *text;
    int64_t num;
};

#define STORE_MAX_BINDS 16

struct store_list_spec {
    const char *select;               /* "d.id AS id, d.title AS title, ..." */
    const char *from;                 /* "documents d" (joins allowed) */
    const char *id_expr;              /* the unique tie-breaker, e.g. "d.id" */
    const struct store_sort *sorts;   /* terminated by a row with name NULL */
    char where[2048];                 /* conditions joined with AND, binds as ?1..?n */
    struct store_bind binds[STORE_MAX_BINDS];
    int nbind;
    int overflow;                     /* a condition did not fit: the list answers an error */
};

/* Adds "cond" (using ?N for the next bind, written as a literal '?' in cond) with one bound
 * value to spec->where. */
void store_where_text(struct store_list_spec *spec, const char *cond, const char *value);
void store_where_int(struct store_list_spec *spec, const char *cond, int64_t value);
/* Adds a condition without a bound value. */
void store_where(struct store_list_spec *spec, const char *cond);
/* Adds a bound value without a condition (for one-row queries that use ?1..?n directly). */
void store_bind_text(struct store_list_spec *spec, const char *value);

/* Forgets the list totals st remembers (store/query.c); on closing a connection. */
void store_memo_free(struct store *st);
/* Runs the list. STORE_OK (caller owns *out, release: store_list_clear()), or an error code. */
int store_list_run(struct store *st, const struct store_list_spec *spec,
                   const struct store_page *page, struct store_list *out);

/* The current row as a JSON object by the alias rules above; NULL on OOM. */
json_t *store_row_json(sqlite3_stmt *stmt);

/* Binds spec->binds to stmt as ?1..?n. */
void store_bind_all(sqlite3_stmt *stmt, const struct store_list_spec *spec);

/* Runs a one-row query (binds as in spec, which may have no select/from) and returns the row
 * as JSON: STORE_OK with *out, STORE_NOTFOUND, or an error. */
int store_row_run(struct store *st, const char *sql, const struct store_list_spec *binds,
                  json_t **out);
/* Runs a query and returns all rows as a JSON array (at most max_rows). */
int store_rows_run(struct store *st, const char *sql, const struct store_list_spec *binds,
                   size_t max_rows, json_t **out);

/* Registers the FTS5 auxiliary function twoplus_offsets(fts, column) on conn: a JSON array of
 * [start, end] byte offsets of every phrase match in that column (store/search.c). */
int store_search_register(sqlite3 *conn);

/* Runs sql (binds as in binds) and sets the rows, as an array, under key in obj. */
int store_attach_rows(struct store *st, json_t *obj, const char *key, const char *sql,
                      const struct store_list_spec *binds, size_t max_rows);

/* Logs an SQLite failure on conn to stderr with context; returns STORE_ERROR (or STORE_NOMEM). */
int store_fail(sqlite3 *conn, const char *what);

#endif
