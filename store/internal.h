/* store/internal.h: what the store's files share: the structs behind the opaque handles, the
 * per-connection statement cache and column helpers. Not for use outside store/. */
#ifndef TWOPLUS_STORE_INTERNAL_H
#define TWOPLUS_STORE_INTERNAL_H

#include "store/store.h"

#include <pthread.h>
#include <sqlite3.h>

#define STORE_STMT_CACHE 64

struct store_stmt_slot {
    char *sql;
    sqlite3_stmt *stmt;
};

struct store {
    struct store_db *db;
    sqlite3 *conn;
    struct store_stmt_slot stmts[STORE_STMT_CACHE];
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

/* Logs an SQLite failure on conn to stderr with context; returns STORE_ERROR (or STORE_NOMEM). */
int store_fail(sqlite3 *conn, const char *what);

#endif
