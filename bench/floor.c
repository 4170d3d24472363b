/* bench/floor.c: the SQLite floor under `twoplus ingest` - the least SQLite work any ingest of
 * the same corpus must do: store each document's title and clean text and build a full-text
 * index over them, in one transaction.
 *
 *   floor SOURCE_DB DB
 *
 * SOURCE_DB is a database `twoplus ingest` built; its documents(id, title, clean_text) are the
 * clean texts exactly as twoplus serves them. All of them are read into memory first; only
 * the writing of DB is timed. The table and index mirror twoplus's documents/documents_fts
 * (same tokenizer and prefix indexes, external content, filled with 'rebuild' at the end) and
 * its build pragmas (journal_mode=OFF, synchronous=OFF); DB is written in place, not renamed.
 * Prints one line: documents, bytes, seconds for the inserts, for the index, and in all.
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct rec {
    char id[128];
    char *title;
    char *text;
    size_t title_len, text_len;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
        return 0;
    fprintf(stderr, "floor: %s\n", err ? err : sqlite3_errmsg(db));
    sqlite3_free(err);
    return -1;
}

static char *copy_column(sqlite3_stmt *st, int col, size_t *len)
{
    const unsigned char *p = sqlite3_column_text(st, col);
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    char *out = malloc(n + 1);

    if (!out)
        return NULL;
    memcpy(out, p ? (const char *)p : "", n);
    out[n] = '\0';
    *len = n;
    return out;
}

/* Every document of the twoplus database at PATH, in ingest order, into *RECS. */
static int read_source(const char *path, struct rec **recs, size_t *n, size_t *bytes)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id, coalesce(title, ''), clean_text FROM documents"
                               " ORDER BY seq", -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "floor: %s: %s\n", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct rec r = {0};
        size_t id_len;
        char *id = copy_column(st, 0, &id_len);

        if (!id || id_len >= sizeof r.id)
            return fprintf(stderr, "floor: bad id in %s\n", path), -1;
        memcpy(r.id, id, id_len + 1);
        free(id);
        r.title = copy_column(st, 1, &r.title_len);
        r.text = copy_column(st, 2, &r.text_len);
        if (!r.title || !r.text)
            return fprintf(stderr, "floor: out of memory\n"), -1;
        if (*n == cap) {
            struct rec *grown;
            cap = cap ? cap * 2 : 1024;
            grown = realloc(*recs, cap * sizeof *grown);
            if (!grown)
                return fprintf(stderr, "floor: out of memory\n"), -1;
            *recs = grown;
        }
        (*recs)[(*n)++] = r;
        *bytes += r.title_len + r.text_len;
    }
    if (rc != SQLITE_DONE)
        fprintf(stderr, "floor: %s: %s\n", path, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_DONE ? 0 : -1;
}

int main(int argc, char **argv)
{
    struct rec *recs = NULL;
    size_t n = 0, bytes = 0;
    sqlite3 *db;
    sqlite3_stmt *st;
    double t0, t1, t2;

    if (argc != 3) {
        fprintf(stderr, "usage: floor SOURCE_DB DB\n");
        return 2;
    }
    if (read_source(argv[1], &recs, &n, &bytes))
        return 1;

    unlink(argv[2]);
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) {
        fprintf(stderr, "floor: cannot create %s\n", argv[2]);
        return 1;
    }
    t0 = now();
    if (exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                 "CREATE TABLE documents(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
                 " title TEXT, clean_text TEXT NOT NULL);"
                 "CREATE VIRTUAL TABLE documents_fts USING fts5(title, clean_text,"
                 " content='documents', content_rowid='seq',"
                 " tokenize='unicode61 remove_diacritics 2', prefix='2 3');"
                 "BEGIN") ||
        sqlite3_prepare_v2(db, "INSERT INTO documents(id, title, clean_text) VALUES(?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(st, 1, recs[i].id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, recs[i].title, (int)recs[i].title_len, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, recs[i].text, (int)recs[i].text_len, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "floor: insert %s: %s\n", recs[i].id, sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    t1 = now();
    if (exec(db, "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild'); COMMIT"))
        return 1;
    t2 = now();
    sqlite3_close(db);
    printf("floor: %zu documents, %zu bytes, insert %.3f s, fts %.3f s, total %.3f s\n", n,
           bytes, t1 - t0, t2 - t1, t2 - t0);
    for (size_t i = 0; i < n; i++) {
        free(recs[i].title);
        free(recs[i].text);
    }
    free(recs);
    return 0;
}
